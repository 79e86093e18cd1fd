package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Tells Word documents from other files in the same container formats, for {@link AttachmentSniffer}.
 * Both checks read only structure, never run or render anything, and are bounded in work for any
 * input: a broken or hostile file makes them answer false, never throw.
 */
final class WordFiles {
  /** Decompressed bytes a DOCX check may read before giving up (guards against ZIP bombs). */
  static final long DOCX_INFLATE_BUDGET = 64L << 20;
  /** The content type of a DOCX's main part (a .docm or .dotx declares another). */
  static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  private static final int MAX_ZIP_ENTRIES = 10_000;
  private static final int MAX_CONTENT_TYPES_BYTES = 1 << 20;
  private static final int NO_STREAM = -1;
  private static final int END_OF_CHAIN = -2;

  private WordFiles() {}

  /**
   * A Word 97–2003 (or Word 6/95) document: an OLE2 compound file (MS-CFB) whose root storage holds
   * a stream named {@code WordDocument}. Follows the directory's sector chain through the FAT and
   * walks the root's children (a red-black tree of siblings), with every index bounds-checked and
   * every chain and tree guarded against loops.
   */
  static boolean isDoc(byte[] b) {
    if (b.length < 512 || !AttachmentSniffer.startsWith(b, AttachmentSniffer.OLE2)) {
      return false;
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
      int shift = buf.getShort(0x1E);
      if (buf.getShort(0x1C) != (short) 0xFFFE || (shift != 9 && shift != 12)) {
        return false;
      }
      int sectorSize = 1 << shift;
      List<Integer> fat = fatSectors(buf, shift);
      List<ByteBuffer> directory = new ArrayList<>();
      int sectorsLeft = b.length / sectorSize;
      for (int s = buf.getInt(0x30); s != END_OF_CHAIN; s = next(buf, fat, shift, s)) {
        if (--sectorsLeft < 0) {
          return false; // a loop in the chain
        }
        for (int e = 0; e < sectorSize / 128; e++) {
          directory.add(buf.slice(sectorOffset(s, shift, b.length) + e * 128, 128).order(ByteOrder.LITTLE_ENDIAN));
        }
      }
      if (directory.isEmpty() || directory.get(0).get(0x42) != 5) {
        return false; // entry 0 must be the root storage
      }
      return rootHasWordDocumentStream(directory);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Locations of the FAT's sectors: from the header's 109 DIFAT slots, then the DIFAT chain. */
  private static List<Integer> fatSectors(ByteBuffer buf, int shift) {
    int count = buf.getInt(0x2C);
    int perSector = (1 << shift) / 4;
    if (count < 0 || count > buf.capacity() / 4) {
      throw new IllegalArgumentException("bad FAT size");
    }
    List<Integer> fat = new ArrayList<>(count);
    for (int i = 0; i < Math.min(count, 109); i++) {
      fat.add(buf.getInt(0x4C + i * 4));
    }
    int difat = buf.getInt(0x44);
    for (int hops = 0; fat.size() < count; hops++) {
      if (hops > count) {
        throw new IllegalArgumentException("loop in DIFAT");
      }
      int offset = sectorOffset(difat, shift, buf.capacity());
      for (int i = 0; i < perSector - 1 && fat.size() < count; i++) {
        fat.add(buf.getInt(offset + i * 4));
      }
      difat = buf.getInt(offset + (perSector - 1) * 4);
    }
    return fat;
  }

  private static int next(ByteBuffer buf, List<Integer> fat, int shift, int sector) {
    int perSector = (1 << shift) / 4;
    if (sector < 0 || sector / perSector >= fat.size()) {
      throw new IllegalArgumentException("sector outside the FAT");
    }
    int offset = sectorOffset(fat.get(sector / perSector), shift, buf.capacity());
    return buf.getInt(offset + (sector % perSector) * 4);
  }

  private static int sectorOffset(int sector, int shift, int length) {
    long offset = ((long) sector + 1) << shift;
    if (sector < 0 || offset >= length) {
      throw new IllegalArgumentException("sector outside the file");
    }
    return (int) offset;
  }

  private static boolean rootHasWordDocumentStream(List<ByteBuffer> directory) {
    BitSet seen = new BitSet();
    Deque<Integer> pending = new ArrayDeque<>();
    pending.push(directory.get(0).getInt(0x4C)); // the root's child: the top of its sibling tree
    while (!pending.isEmpty()) {
      int id = pending.pop();
      if (id == NO_STREAM) {
        continue;
      } else if (id < 0 || id >= directory.size() || seen.get(id)) {
        return false;
      }
      seen.set(id);
      ByteBuffer entry = directory.get(id);
      int nameBytes = entry.getShort(0x40);
      if (entry.get(0x42) == 2 && nameBytes == 26
          && new String(bytes(entry, 0, 24), UTF_16LE).equals("WordDocument")) {
        return true;
      }
      pending.push(entry.getInt(0x44)); // left sibling
      pending.push(entry.getInt(0x48)); // right sibling
    }
    return false;
  }

  private static byte[] bytes(ByteBuffer buf, int offset, int length) {
    byte[] out = new byte[length];
    buf.get(offset, out);
    return out;
  }

  /**
   * An Office Open XML word-processing document: a ZIP holding {@code word/document.xml} and a
   * {@code [Content_Types].xml} (every OPC package has one) that declares the main part of a Word
   * document, {@value #DOCX_MAIN}. That content type is what tells a DOCX from a macro-enabled
   * {@code .docm} or a {@code .dotx} template (which also have {@code word/document.xml}): those are
   * rejected, so officers never receive a document with macros. Entries are read in order until
   * both were seen; at most {@link #DOCX_INFLATE_BUDGET} bytes are decompressed on the way, so a
   * ZIP bomb costs milliseconds, not minutes.
   */
  static boolean isDocx(byte[] b) {
    boolean contentTypes = false;
    boolean document = false;
    long budget = DOCX_INFLATE_BUDGET;
    byte[] skip = new byte[8192];
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
      int entries = 0;
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > MAX_ZIP_ENTRIES) {
          return false;
        } else if (entry.getName().equals("[Content_Types].xml")) {
          byte[] xml = zip.readNBytes(MAX_CONTENT_TYPES_BYTES);
          budget -= xml.length;
          if (!new String(xml, UTF_8).contains(DOCX_MAIN)) {
            return false;
          }
          contentTypes = true;
        } else {
          document |= entry.getName().equals("word/document.xml");
        }
        if (contentTypes && document) {
          return true;
        }
        for (int n = zip.read(skip); n > 0; n = zip.read(skip)) {
          budget -= n;
          if (budget < 0) {
            return false;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // ZipException, a malformed entry name, ...
    }
  }
}
