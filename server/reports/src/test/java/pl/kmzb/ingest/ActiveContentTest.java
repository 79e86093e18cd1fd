package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Word and PDF files that carry active content are refused, with the file and the reason named. */
class ActiveContentTest {
  private static Optional<AttachmentType> detect(byte[] b) {
    return AttachmentSniffer.detect(b);
  }

  private static AttachmentRejected refused(byte[] b, String name) {
    AttachmentRejected e = assertThrows(AttachmentRejected.class, () -> AttachmentSniffer.sniff(b, 2, name));
    assertEquals(AttachmentRejected.Reason.ACTIVE_CONTENT, e.reason(), e.getMessage());
    assertTrue(e.getMessage().startsWith("file 2 (" + name + "): "), e.getMessage());
    return e;
  }

  // --- DOC ---

  @Test
  void aDocWithAMacrosStorageIsRefused() {
    byte[] doc = Fixtures.compoundFile(9, "1Table", "WordDocument", "Macros");
    directoryEntry(doc, 3).put(0x42, (byte) 1); // Macros is a storage, as Word writes it
    assertEquals(Optional.empty(), detect(doc));
    assertEquals("file 2 (list.doc): a DOC with a macro project (Macros) is not accepted; attachments may not"
        + " carry macros, scripts or embedded files (save it as a plain document, or send a screenshot)",
        refused(doc, "list.doc").getMessage());
    assertEquals(Optional.empty(), detect(Fixtures.compoundFile(9, "1Table", "WordDocument", "MACROS")),
        "names compare without case, as in MS-CFB");
  }

  @Test
  void aVbaProjectDeepInTheTreeIsFound() {
    // WordDocument and ObjectPool under the root; _VBA_PROJECT inside ObjectPool (an embedded object).
    byte[] doc = Fixtures.compoundFile(9, "WordDocument", "ObjectPool", "_VBA_PROJECT");
    ByteBuffer pool = directoryEntry(doc, 2);
    pool.put(0x42, (byte) 1).putInt(0x48, -1).putInt(0x4C, 3);
    assertEquals(Optional.empty(), detect(doc));
    assertTrue(refused(doc, "x.doc").getMessage().contains("(_VBA_PROJECT)"));
    assertEquals(Optional.of(AttachmentType.DOC), detect(Fixtures.compoundFile(9, "WordDocument", "ObjectPool")));
  }

  private static ByteBuffer directoryEntry(byte[] compoundFile, int id) {
    return ByteBuffer.wrap(compoundFile, 1024 + id * 128, 128).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  // --- DOCX ---

  @Test
  void docxIsReadThroughItsCentralDirectoryAsWordReadsIt() throws IOException {
    String docm = "application/vnd.ms-word.document.macroEnabled.main+xml";
    byte[] smuggled = Fixtures.rawZip(new String[][] {
        {"[Content_Types].xml", Fixtures.contentTypes(WordFiles.DOCX_MAIN)},
        {"word/document.xml", "<w:document/>"},
        {"[Content_Types].xml", Fixtures.contentTypes(docm)},
        {"word/vbaProject.bin", "VBA"}}, 2, 1, 3);
    // What a streaming reader sees first: a plain DOCX.
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(smuggled))) {
      ZipEntry first = in.getNextEntry();
      assertEquals("[Content_Types].xml", first.getName());
      assertTrue(new String(in.readAllBytes(), UTF_8).contains(WordFiles.DOCX_MAIN));
    }
    assertEquals(Optional.empty(), detect(smuggled));
    refused(smuggled, "umowa.docx");
    // Without the macro part, the directory's content types still make it a .docm.
    byte[] docmOnly = Fixtures.rawZip(new String[][] {
        {"[Content_Types].xml", Fixtures.contentTypes(WordFiles.DOCX_MAIN)},
        {"word/document.xml", "<w:document/>"},
        {"[Content_Types].xml", Fixtures.contentTypes(docm)}}, 2, 1);
    assertTrue(refused(docmOnly, "a.docx").getMessage().contains("macros (content type " + docm + ")"));
    // The same entries, listed straight, are a DOCX.
    byte[] plain = Fixtures.rawZip(new String[][] {
        {"[Content_Types].xml", Fixtures.contentTypes(WordFiles.DOCX_MAIN)},
        {"word/document.xml", "<w:document/>"}}, 0, 1);
    assertEquals(Optional.of(AttachmentType.DOCX), detect(plain));
  }

  @Test
  void aDirectoryEntryWhoseLocalHeaderNamesAnotherFileIsRefused() {
    byte[] b = Fixtures.rawZip(new String[][] {
        {"[Content_Types].xml", Fixtures.contentTypes(WordFiles.DOCX_MAIN)},
        {"word/document.xml", "<w:document/>"}}, 0, 1);
    String text = new String(b, ISO_8859_1);
    int central = text.lastIndexOf("word/document.xml");
    b[central] = 'W'; // the directory says Word/document.xml, the local header word/document.xml
    assertEquals(Optional.empty(), detect(b));
  }

  @Test
  void theMainDocumentOverrideIsRequiredNotJustTheContentTypeSomewhere() {
    String elsewhere = "<Types><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/other.xml\" ContentType=\"" + WordFiles.DOCX_MAIN + "\"/></Types>";
    String inAComment = "<Types><!-- " + WordFiles.DOCX_MAIN + " --></Types>";
    String asDefault = "<Types><Default Extension=\"xml\" ContentType=\"" + WordFiles.DOCX_MAIN + "\"/></Types>";
    for (String types : new String[] {elsewhere, inAComment, asDefault}) {
      byte[] b = Fixtures.zip("[Content_Types].xml", types, "word/document.xml", "<w:document/>");
      assertEquals(Optional.empty(), detect(b), types);
    }
    String override = "<Types><Override PartName=\"/WORD/document.xml\" ContentType=\"" + WordFiles.DOCX_MAIN
        + "\"/></Types>";
    assertEquals(Optional.of(AttachmentType.DOCX),
        detect(Fixtures.zip("[Content_Types].xml", override, "word/document.xml", "<w:document/>")),
        "part names compare without case (OPC)");
  }

  @Test
  void macroProjectsAndActiveXInADocxAreRefused() {
    String types = Fixtures.contentTypes(WordFiles.DOCX_MAIN);
    byte[] vba = Fixtures.zip("[Content_Types].xml", types, "word/document.xml", "<w:document/>",
        "word/vbaProject.bin", "VBA");
    assertTrue(refused(vba, "m.docx").getMessage().contains("a macro project (word/vbaProject.bin)"));
    byte[] renamed = Fixtures.zip("[Content_Types].xml", types.replace("</Types>",
        "<Override PartName=\"/word/x.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>"),
        "word/document.xml", "<w:document/>", "word/x.bin", "VBA");
    refused(renamed, "m.docx");
    byte[] activeX = Fixtures.zip("[Content_Types].xml", types, "word/document.xml", "<w:document/>",
        "word/activeX/activeX1.bin", "control");
    assertTrue(refused(activeX, "m.docx").getMessage().contains("ActiveX"));
  }

  @Test
  void aDoctypeInTheContentTypesIsRefusedAsOpcRequires() {
    String types = "<?xml version=\"1.0\"?><!DOCTYPE Types [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + Fixtures.contentTypes(WordFiles.DOCX_MAIN).substring(Fixtures.contentTypes(WordFiles.DOCX_MAIN).indexOf("<Types"));
    byte[] b = Fixtures.zip("[Content_Types].xml", types, "word/document.xml", "<w:document/>");
    assertEquals(Optional.empty(), detect(b));
  }

  @Test
  void aHugeCentralDirectoryEndsTheCheckQuickly() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(Fixtures.contentTypes(WordFiles.DOCX_MAIN).getBytes(UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      for (int i = 0; i < 10_001; i++) {
        zip.putNextEntry(new ZipEntry("p" + i));
      }
    }
    byte[] b = out.toByteArray();
    assertTrue(b.length < AttachmentSniffer.MAX_BYTES);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(Optional.empty(), detect(b)));
  }

  // --- PDF ---

  @Test
  void pdfsWithJavaScriptLaunchActionsOrEmbeddedFilesAreRefused() {
    String js = "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>";
    assertEquals("file 2 (ulotka.pdf): a PDF with JavaScript is not accepted; attachments may not carry macros,"
        + " scripts or embedded files (save it as a plain document, or send a screenshot)",
        refused(Fixtures.pdf(js), "ulotka.pdf").getMessage());
    String jsOnly = "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>";
    refused(Fixtures.pdf(jsOnly, "<< /S /Rendition /JS 5 0 R >>"), "a.pdf");
    String launch = "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>";
    assertTrue(refused(Fixtures.pdf(launch), "a.pdf").getMessage().contains("a launch action"));
    String embedded = "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>";
    assertTrue(refused(Fixtures.pdf(embedded), "a.pdf").getMessage().contains("embedded files"));
    refused(Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>",
        Fixtures.pdfStream("/Type /EmbeddedFile", "MZ".getBytes(ISO_8859_1))), "a.pdf");
  }

  @Test
  void namesWrittenWithHexEscapesAreDecoded() {
    for (String name : new String[] {"/J#61vaScript", "/#4A#53", "/J#53", "/#4c#61unch", "/Embedded#46ile",
        "/EmbeddedFile#73"}) {
      String catalog = "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Named " + name + " (x) >> >>";
      assertEquals(Optional.empty(), detect(Fixtures.pdf(catalog)), name);
    }
  }

  @Test
  void activeContentInsideACompressedObjectStreamIsFound() {
    byte[] objects = "5 0 << /S /JavaScript /JS (app.launchURL\\(\\)) >>".getBytes(ISO_8859_1);
    String objStm = Fixtures.pdfStream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Fixtures.deflate(objects));
    byte[] pdf = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>", objStm);
    assertTrue(refused(pdf, "skan.pdf").getMessage().contains("JavaScript"));
    byte[] benign = "5 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".getBytes(ISO_8859_1);
    byte[] clean = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>",
        Fixtures.pdfStream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Fixtures.deflate(benign)));
    assertEquals(Optional.of(AttachmentType.PDF), detect(clean));
  }

  @Test
  void anObjectStreamThatCannotBeInflatedIsRefused() {
    byte[] objects = "5 0 << /S /JavaScript /JS (x) >>".getBytes(ISO_8859_1);
    String hex = java.util.HexFormat.of().formatHex(objects) + ">";
    byte[] asciiHex = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>",
        Fixtures.pdfStream("/Type /Obj#53tm /N 1 /First 4 /Filter /ASCIIHexDecode", hex.getBytes(ISO_8859_1)));
    assertTrue(refused(asciiHex, "a.pdf").getMessage().contains("cannot be checked"));
    byte[] brokenZlib = Fixtures.deflate(objects);
    brokenZlib[5] ^= 0x55;
    byte[] broken = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>",
        Fixtures.pdfStream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", java.util.Arrays.copyOf(brokenZlib, 3)));
    refused(broken, "a.pdf");
  }

  @Test
  void compressionBombsCostBoundedWork() {
    byte[] spaces = new byte[PdfFiles.INFLATE_BUDGET + (16 << 20)];
    java.util.Arrays.fill(spaces, (byte) ' ');
    byte[] bomb = Fixtures.deflate(spaces);
    assertTrue(bomb.length < AttachmentSniffer.MAX_BYTES);
    byte[] asContent = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>", Fixtures.pdfStream("/Filter /FlateDecode", bomb));
    byte[] asObjects = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>",
        Fixtures.pdfStream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", bomb));
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertEquals(Optional.of(AttachmentType.PDF), detect(asContent), "page content is read up to the budget");
      assertEquals(Optional.empty(), detect(asObjects), "an object stream must be read whole");
    });
  }

  @Test
  void ordinaryPdfsWithCompressedContentAndBinaryDataPass() {
    byte[] content = Fixtures.deflate("BT /F1 12 Tf 72 720 Td (Zgloszenie /JS) Tj ET".getBytes(ISO_8859_1));
    byte[] image = new byte[4096];
    new java.util.SplittableRandom(3).nextBytes(image);
    byte[] marker = "/JSx/JS\u00ff".getBytes(ISO_8859_1);
    System.arraycopy(marker, 0, image, 100, marker.length);
    byte[] pdf = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>",
        Fixtures.pdfStream("/Filter /FlateDecode", content),
        Fixtures.pdfStream("/Type /XObject /Subtype /Image /Width 32 /Height 32 /BitsPerComponent 8"
            + " /ColorSpace /DeviceRGB /Filter /DCTDecode", image));
    assertEquals(Optional.of(AttachmentType.PDF), detect(pdf));
  }

  @Test
  void neverThrowsOnBrokenPdfsAndZips() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    byte[] objStm = Fixtures.pdf("<< /Type /Catalog /Pages 2 0 R >>", Fixtures.pdfStream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Fixtures.deflate("5 0 << /A 1 >>".getBytes(ISO_8859_1))));
    byte[][] files = {objStm, Fixtures.pdf(), Fixtures.docx(), Fixtures.rawZip(new String[][] {
        {"[Content_Types].xml", Fixtures.contentTypes(WordFiles.DOCX_MAIN)}, {"word/document.xml", "<w:document/>"}}, 0, 1)};
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int i = 0; i < 4_000; i++) {
        byte[] file = files[i % files.length].clone();
        for (int k = 0; k < 4; k++) {
          file[5 + random.nextInt(file.length - 5)] = (byte) random.nextInt(256);
        }
        detect(file);
        detect(java.util.Arrays.copyOf(file, 5 + random.nextInt(file.length - 5)));
      }
    });
  }
}
