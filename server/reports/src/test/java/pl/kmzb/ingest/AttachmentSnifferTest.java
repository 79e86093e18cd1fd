package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class AttachmentSnifferTest {
  private static Optional<AttachmentType> detect(byte[] b) {
    return AttachmentSniffer.detect(b);
  }

  private static Optional<AttachmentType> detect(String text) {
    return detect(text.getBytes(UTF_8));
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void limits() {
    assertEquals(5 * 1024 * 1024, AttachmentSniffer.MAX_BYTES);
    assertEquals(3, AttachmentSniffer.MAX_FILES);
  }

  @Test
  void recognisesRealImagesAndPdf() {
    assertEquals(Optional.of(AttachmentType.JPEG), detect(Fixtures.image("jpeg")));
    assertEquals(Optional.of(AttachmentType.PNG), detect(Fixtures.image("png")));
    assertEquals(Optional.of(AttachmentType.PDF), detect(Fixtures.pdf()));
    assertEquals(Optional.empty(), detect("% PDF-1.4 is not at offset 0\u0001"));
  }

  @Test
  void typesCarryCanonicalMediaTypesAndExtensions() {
    assertEquals("image/jpeg", AttachmentType.JPEG.mediaType());
    assertEquals("jpg", AttachmentType.JPEG.extension());
    assertEquals("image/png", AttachmentType.PNG.mediaType());
    assertEquals("application/pdf", AttachmentType.PDF.mediaType());
    assertEquals("application/msword", AttachmentType.DOC.mediaType());
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AttachmentType.DOCX.mediaType());
    assertEquals("video/quicktime", AttachmentType.MOV.mediaType());
    assertEquals("video/3gpp", AttachmentType.THREE_GP.mediaType());
    assertEquals("3gp", AttachmentType.THREE_GP.extension());
    assertEquals("video/3gpp2", AttachmentType.THREE_G2.mediaType());
    assertEquals("text/plain; charset=utf-8", AttachmentType.TXT.mediaType());
    assertTrue(AttachmentType.JPEG.hasExtension("JPEG"));
    assertFalse(AttachmentType.JPEG.hasExtension("png"));
  }

  @Test
  void recognisesLegacyWordByItsWordDocumentStream() {
    assertEquals(Optional.of(AttachmentType.DOC), detect(Fixtures.doc()));
    assertEquals(Optional.of(AttachmentType.DOC), detect(Fixtures.compoundFile(12, "WordDocument", "1Table")));
    // Enough streams for a directory of several sectors, chained through the FAT.
    String[] many = new String[40];
    for (int i = 0; i < many.length; i++) {
      many[i] = i == 33 ? "WordDocument" : "Stream" + i;
    }
    assertEquals(Optional.of(AttachmentType.DOC), detect(Fixtures.compoundFile(9, many)));
  }

  @Test
  void rejectsOtherCompoundFilesAndBrokenOnes() {
    assertEquals(Optional.empty(), detect(Fixtures.compoundFile(9, "Workbook", "\u0005SummaryInformation")));
    assertEquals(Optional.empty(), detect(Fixtures.compoundFile(9, "PowerPoint Document")));
    assertEquals(Optional.empty(), detect(Fixtures.compoundFile(9, "WordDocumentX")));
    byte[] headerOnly = Arrays.copyOf(AttachmentSniffer.OLE2, 512);
    assertEquals(Optional.empty(), detect(headerOnly));
    assertEquals(Optional.empty(), detect(Arrays.copyOf(Fixtures.doc(), 700)));
    assertEquals(Optional.empty(), detect(AttachmentSniffer.OLE2));
  }

  @Test
  void loopsInACompoundFileEndTheCheck() {
    String[] names = new String[40];
    Arrays.fill(names, "Other");
    byte[] chainLoop = Fixtures.compoundFile(9, names);
    ByteBuffer b = ByteBuffer.wrap(chainLoop).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(512 + 2 * 4, 1); // FAT: directory sector 2 points back to sector 1
    byte[] treeLoop = Fixtures.compoundFile(9, "A", "B", "C");
    ByteBuffer t = ByteBuffer.wrap(treeLoop).order(ByteOrder.LITTLE_ENDIAN);
    t.putInt(1024 + 2 * 128 + 0x44, 2); // entry 2's left sibling is itself
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertEquals(Optional.empty(), detect(chainLoop));
      assertEquals(Optional.empty(), detect(treeLoop));
    });
  }

  @Test
  void recognisesDocxByItsParts() {
    assertEquals(Optional.of(AttachmentType.DOCX), detect(Fixtures.docx()));
  }

  @Test
  void rejectsOtherZipFiles() {
    byte[] xlsx = Fixtures.zip("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>");
    byte[] onlyDocument = Fixtures.zip("word/document.xml", "<w:document/>");
    byte[] plain = Fixtures.zip("readme.txt", "hello", "program.exe", "MZ");
    assertEquals(Optional.empty(), detect(xlsx));
    assertEquals(Optional.empty(), detect(onlyDocument));
    assertEquals(Optional.empty(), detect(plain));
    assertEquals(Optional.empty(), detect(Arrays.copyOf(Fixtures.docx(), 60)));
  }

  @Test
  void rejectsMacroEnabledWordAndTemplates() {
    String docx = WordFiles.DOCX_MAIN;
    String docm = "application/vnd.ms-word.document.macroEnabled.main+xml";
    String dotx = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml";
    assertEquals(Optional.of(AttachmentType.DOCX), detect(word(docx)));
    assertEquals(Optional.empty(), detect(word(docm)));
    assertEquals(Optional.empty(), detect(word(dotx)));
  }

  private static byte[] word(String mainContentType) {
    return Fixtures.zip(
        "word/document.xml", "<w:document/>",
        "[Content_Types].xml", "<Types><Override PartName=\"/word/document.xml\" ContentType=\""
            + mainContentType + "\"/></Types>");
  }

  @Test
  void aZipBombBeforeTheWordPartsIsGivenUpOnQuickly() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(Fixtures.contentTypes(WordFiles.DOCX_MAIN).getBytes(UTF_8));
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] zeros = new byte[1 << 20];
      for (long written = 0; written <= WordFiles.DOCX_INFLATE_BUDGET; written += zeros.length) {
        zip.write(zeros);
      }
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write("<w:document/>".getBytes(UTF_8));
    }
    byte[] bomb = out.toByteArray();
    assertTrue(bomb.length < AttachmentSniffer.MAX_BYTES);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(Optional.empty(), detect(bomb)));
  }

  @Test
  void recognisesQuickTimeAnd3gpByTheMajorBrand() {
    assertEquals(Optional.of(AttachmentType.MOV), detect(Fixtures.isoMedia("qt  ", "qt  ")));
    assertEquals(Optional.of(AttachmentType.THREE_GP), detect(Fixtures.isoMedia("3gp4", "isom", "3gp4")));
    assertEquals(Optional.of(AttachmentType.THREE_GP), detect(Fixtures.isoMedia("3gp6")));
    assertEquals(Optional.of(AttachmentType.THREE_G2), detect(Fixtures.isoMedia("3g2a", "3g2a")));
  }

  @Test
  void rejectsOtherIsoMediaAndBrokenBoxes() {
    assertEquals(Optional.empty(), detect(Fixtures.isoMedia("isom", "isom", "3gp4", "mp41")));
    assertEquals(Optional.empty(), detect(Fixtures.isoMedia("mp42", "qt  ")));
    assertEquals(Optional.empty(), detect(Fixtures.isoMedia("M4A ")));
    byte[] tooShortBox = Fixtures.isoMedia("qt  ");
    tooShortBox[3] = 8;
    byte[] boxBeyondEnd = Fixtures.isoMedia("3gp4");
    boxBeyondEnd[2] = 1;
    assertEquals(Optional.empty(), detect(tooShortBox));
    assertEquals(Optional.empty(), detect(boxBeyondEnd));
    assertEquals(Optional.empty(), detect(Arrays.copyOf(Fixtures.isoMedia("qt  "), 12)));
  }

  @Test
  void acceptsUtf8Text() {
    assertEquals(Optional.of(AttachmentType.TXT), detect("Nielegalny wyścig samochodów, ul. Długa"));
    assertEquals(Optional.of(AttachmentType.TXT), detect("Zażółć gęślą jaźń\r\n\tkolumna\n"));
    assertEquals(Optional.of(AttachmentType.TXT), detect("emoji \uD83D\uDE93 and DEL \u007F"));
    assertEquals(Optional.of(AttachmentType.TXT), detect("\uFEFFwith a byte-order mark"));
    assertEquals(Optional.of(AttachmentType.TXT), detect("x"));
    assertEquals(Optional.of(AttachmentType.TXT), detect("ąę".repeat(20_000)));
  }

  @Test
  void rejectsTextThatIsNotStrictUtf8OrHoldsControlCharacters() {
    assertEquals(Optional.empty(), detect(bytes('Z', 'a', 0xBF, 'o', 0xB3, 0xE6))); // windows-1250
    assertEquals(Optional.empty(), detect(bytes('a', 0xC0, 0x80, 'b'))); // overlong NUL
    assertEquals(Optional.empty(), detect(bytes(0xED, 0xA0, 0x80))); // an encoded surrogate
    assertEquals(Optional.empty(), detect(bytes(0xF4, 0x90, 0x80, 0x80))); // beyond U+10FFFF
    assertEquals(Optional.empty(), detect(bytes('a', 0xC4))); // cut off mid-character
    assertEquals(Optional.empty(), detect(bytes(0xFF, 0xFE, 'a', 0, 'b', 0))); // UTF-16LE
    assertEquals(Optional.empty(), detect("a\u0000b"));
    assertEquals(Optional.empty(), detect("escape \u001B[31m red"));
    assertEquals(Optional.empty(), detect("form\ffeed"));
    byte[] lateError = Fixtures.concat("ąę".repeat(20_000).getBytes(UTF_8), bytes(0x80));
    assertEquals(Optional.empty(), detect(lateError));
  }

  @Test
  void decidesByBytesNotByName() {
    AttachmentRejected exe = assertThrows(AttachmentRejected.class,
        () -> AttachmentSniffer.sniff(Fixtures.windowsExecutable(), 2, "x.jpg"));
    assertEquals("file 2 (x.jpg): not a JPG, PNG, PDF, DOC, DOCX, MOV, 3GP or UTF-8 text file", exe.getMessage());
    assertEquals(AttachmentRejected.Reason.UNSUPPORTED_TYPE, exe.reason());
    assertEquals(2, exe.fileNumber());

    byte[] png = Fixtures.image("png");
    assertEquals(AttachmentType.PNG, AttachmentSniffer.sniff(png, 1, "scan.pdf"));
    assertEquals("scan.png", FileNames.sanitise("scan.pdf", AttachmentType.PNG));
  }

  @Test
  void rejectsEmptyFilesWithTheirPosition() {
    AttachmentRejected empty = assertThrows(AttachmentRejected.class,
        () -> AttachmentSniffer.sniff(new byte[0], 1, null));
    assertEquals("file 1 is empty", empty.getMessage());
    assertEquals(AttachmentRejected.Reason.EMPTY, empty.reason());
    assertEquals(Optional.empty(), detect(new byte[0]));
  }

  @Test
  void messagesShowASafeName() {
    AttachmentRejected e = assertThrows(AttachmentRejected.class,
        () -> AttachmentSniffer.sniff(bytes(0, 1, 2), 3, "C:\\tmp\\evil\u202Egpj.exe\n"));
    assertEquals("file 3 (evilgpj.exe): not a JPG, PNG, PDF, DOC, DOCX, MOV, 3GP or UTF-8 text file",
        e.getMessage());
    assertEquals("file 1 (film.mov) is larger than 5 MB", AttachmentRejected.tooLarge(1, "film.mov").getMessage());
    assertEquals(AttachmentRejected.Reason.TOO_LARGE, AttachmentRejected.tooLarge(1, "film.mov").reason());
    assertEquals("4 files attached, at most 3 are allowed", AttachmentRejected.tooMany(4).getMessage());
  }

  @Test
  void neverThrowsOnArbitraryBytes() {
    byte[][] prefixes = {
        AttachmentSniffer.OLE2, Arrays.copyOf(Fixtures.doc(), 0x50), bytes('P', 'K', 3, 4),
        Arrays.copyOf(Fixtures.docx(), 40), Arrays.copyOf(Fixtures.isoMedia("qt  "), 8), new byte[0]};
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 3_000; i++) {
      byte[] prefix = prefixes[i % prefixes.length];
      byte[] noise = new byte[random.nextInt(2_000)];
      random.nextBytes(noise);
      detect(Fixtures.concat(prefix, noise));
    }
    // Random corruption of real files: may or may not still be recognised, but never throws.
    byte[][] files = {Fixtures.doc(), Fixtures.docx(), Fixtures.compoundFile(12, "WordDocument")};
    for (int i = 0; i < 3_000; i++) {
      byte[] file = files[i % files.length].clone();
      for (int k = 0; k < 4; k++) {
        file[random.nextInt(file.length)] = (byte) random.nextInt(256);
      }
      detect(file);
    }
  }
}
