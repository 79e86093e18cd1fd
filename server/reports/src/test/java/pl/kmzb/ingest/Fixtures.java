package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Real files of every attachment type, built in code. */
final class Fixtures {
  private Fixtures() {}

  static byte[] image(String format) {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(4, 4, 20, 12);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A minimal valid PDF 1.4 with one empty page and a correct cross-reference table. */
  static byte[] pdf() {
    return pdf("<< /Type /Catalog /Pages 2 0 R >>");
  }

  /**
   * A PDF with this catalog (object 1), one page (objects 2 and 3) and these further objects (4…),
   * each written as given; a stream's data is text whose characters are its bytes (ISO-8859-1).
   */
  static byte[] pdf(String catalog, String... more) {
    String[] base = {
        catalog,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
    String[] objects = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, objects, base.length, more.length);
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = pdf.length();
      pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format("%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref).append("\n%%EOF\n");
    return pdf.toString().getBytes(ISO_8859_1);
  }

  /** A stream object: its dictionary entries (without Length), then the data as ISO-8859-1 text. */
  static String pdfStream(String dictionary, byte[] data) {
    return "<< " + dictionary + " /Length " + data.length + " >>\nstream\n" + new String(data, ISO_8859_1)
        + "\nendstream";
  }

  /** zlib-compressed bytes, as a PDF's FlateDecode filter holds them. */
  static byte[] deflate(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A ZIP written by hand, stored (not compressed): {@code locals} are written as local entries in
   * order; the central directory lists the local entries whose indexes are in {@code central}, in
   * that order. So the local headers a streaming reader sees and the directory Word reads can differ.
   */
  static byte[] rawZip(String[][] locals, int... central) {
    ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    int[] offsets = new int[locals.length];
    for (int i = 0; i < locals.length; i++) {
      offsets[i] = b.position();
      byte[] name = locals[i][0].getBytes(UTF_8);
      byte[] data = locals[i][1].getBytes(UTF_8);
      b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) 0).putInt(0)
          .putInt(crc(data)).putInt(data.length).putInt(data.length).putShort((short) name.length).putShort((short) 0)
          .put(name).put(data);
    }
    int cd = b.position();
    for (int i : central) {
      byte[] name = locals[i][0].getBytes(UTF_8);
      byte[] data = locals[i][1].getBytes(UTF_8);
      b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x800).putShort((short) 0)
          .putInt(0).putInt(crc(data)).putInt(data.length).putInt(data.length).putShort((short) name.length)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
          .putInt(offsets[i]).put(name);
    }
    int cdSize = b.position() - cd;
    b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.length)
        .putShort((short) central.length).putInt(cdSize).putInt(cd).putShort((short) 0);
    return Arrays.copyOf(b.array(), b.position());
  }

  private static int crc(byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    return (int) crc.getValue();
  }

  /** A Word 97–2003 document's container: the streams a real .doc has. */
  static byte[] doc() {
    return compoundFile(9, "\u0001CompObj", "1Table", "WordDocument", "\u0005SummaryInformation");
  }

  /**
   * An OLE2 compound file (MS-CFB) whose root storage holds empty streams of these names:
   * header, one FAT sector, then as many directory sectors as needed, chained through the FAT. The
   * root's children form a balanced binary tree, so both sibling links are used.
   */
  static byte[] compoundFile(int sectorShift, String... streams) {
    int sectorSize = 1 << sectorShift;
    int entries = streams.length + 1;
    int dirSectors = (entries * 128 + sectorSize - 1) / sectorSize;
    ByteBuffer b = ByteBuffer.allocate(sectorSize * (2 + dirSectors)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(AttachmentSniffer.OLE2);
    b.putShort(0x18, (short) 0x3E).putShort(0x1A, (short) (sectorShift == 9 ? 3 : 4));
    b.putShort(0x1C, (short) 0xFFFE).putShort(0x1E, (short) sectorShift).putShort(0x20, (short) 6);
    b.putInt(0x28, sectorShift == 9 ? 0 : dirSectors).putInt(0x2C, 1).putInt(0x30, 1);
    b.putInt(0x38, 4096).putInt(0x3C, -2).putInt(0x40, 0).putInt(0x44, -2).putInt(0x48, 0);
    for (int i = 0; i < 109; i++) {
      b.putInt(0x4C + i * 4, i == 0 ? 0 : -1);
    }
    int fat = sectorSize; // sector 0
    for (int i = 0; i < sectorSize / 4; i++) {
      b.putInt(fat + i * 4, -1);
    }
    b.putInt(fat, -3); // FATSECT
    for (int s = 1; s <= dirSectors; s++) {
      b.putInt(fat + s * 4, s == dirSectors ? -2 : s + 1);
    }
    int dir = 2 * sectorSize; // sector 1
    for (int i = 0; i < dirSectors * sectorSize / 128; i++) {
      int e = dir + i * 128;
      b.putInt(e + 0x44, -1).putInt(e + 0x48, -1).putInt(e + 0x4C, -1);
    }
    entry(b, dir, "Root Entry", 5);
    b.putInt(dir + 0x4C, tree(b, dir, 1, streams.length));
    for (int i = 0; i < streams.length; i++) {
      entry(b, dir + (i + 1) * 128, streams[i], 2);
    }
    return b.array();
  }

  /** Links entries first..last into a balanced tree by their left/right sibling ids; the top's id. */
  private static int tree(ByteBuffer b, int dir, int first, int last) {
    if (first > last) {
      return -1;
    }
    int mid = (first + last) / 2;
    b.putInt(dir + mid * 128 + 0x44, tree(b, dir, first, mid - 1));
    b.putInt(dir + mid * 128 + 0x48, tree(b, dir, mid + 1, last));
    return mid;
  }

  private static void entry(ByteBuffer b, int offset, String name, int type) {
    byte[] utf16 = name.getBytes(UTF_16LE);
    b.put(offset, utf16);
    b.putShort(offset + 0x40, (short) (utf16.length + 2));
    b.put(offset + 0x42, (byte) type);
  }

  /** The [Content_Types].xml of a DOCX, with the main part's Override of this content type. */
  static String contentTypes(String mainContentType) {
    return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/word/document.xml" ContentType="%s"/>
        </Types>""".formatted(mainContentType);
  }

  /** A minimal but complete DOCX package (what Word needs to open it). */
  static byte[] docx() {
    return zip(
        "[Content_Types].xml", contentTypes(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Target="word/document.xml" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
            </Relationships>""",
        "word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:body><w:p><w:r><w:t>Nielegalne wysypisko śmieci</w:t></w:r></w:p></w:body></w:document>""");
  }

  /** A ZIP of (name, text) pairs, deflated. */
  static byte[] zip(String... namesAndTexts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
        zip.write(namesAndTexts[i + 1].getBytes(UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An ISO-BMFF file: an ftyp box with these brands, then an empty mdat box. */
  static byte[] isoMedia(String majorBrand, String... compatibleBrands) {
    int ftypSize = 16 + 4 * compatibleBrands.length;
    ByteBuffer b = ByteBuffer.allocate(ftypSize + 8);
    b.putInt(ftypSize).put("ftyp".getBytes(US_ASCII)).put(majorBrand.getBytes(US_ASCII)).putInt(0);
    for (String brand : compatibleBrands) {
      b.put(brand.getBytes(US_ASCII));
    }
    b.putInt(8).put("mdat".getBytes(US_ASCII));
    return b.array();
  }

  /** The start of a Windows executable: "MZ", a DOS stub and the PE header offset. */
  static byte[] windowsExecutable() {
    byte[] b = Arrays.copyOf("MZ".getBytes(US_ASCII), 256);
    b[0x3C] = (byte) 0x80;
    System.arraycopy("PE\0\0".getBytes(US_ASCII), 0, b, 0x80, 4);
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
