package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides an uploaded file's type from its bytes alone; the client's file name and declared
 * content type are never consulted, so an executable renamed {@code .jpg} is rejected and a PNG
 * named {@code .pdf} is stored as a PNG.
 *
 * <ul>
 *   <li>JPG: {@code FF D8 FF}; PNG: the 8-byte PNG signature.
 *   <li>PDF: {@code %PDF-} at offset 0, and no JavaScript, launch actions, embedded files, XFA
 *       forms or rich media, also not inside compressed object streams, see {@link PdfFiles}.
 *   <li>DOC: the OLE2 compound-file signature and a {@code WordDocument} stream in the root storage
 *       (so Excel, PowerPoint, Outlook or MSI files, which share the signature, are not taken for
 *       Word), and no macro storage anywhere, see {@link WordFiles#doc}.
 *   <li>DOCX: a ZIP, read through its central directory as Word reads it, with {@code word/document.xml}
 *       declared by {@code [Content_Types].xml} as the main part of a Word document (not of a
 *       macro-enabled {@code .docm} or a {@code .dotx} template), and no macro project or ActiveX
 *       part, see {@link WordFiles#docx}.
 *   <li>MOV, 3GP, 3G2: an ISO-BMFF {@code ftyp} box at offset 4 whose <em>major</em> brand is
 *       {@code "qt  "}, or starts with {@code 3gp} or {@code 3g2}. Compatible brands are not
 *       consulted: an {@code isom}/{@code mp42} file is an MP4, which is not on the allowed list,
 *       even if it lists a 3GP brand as compatible. QuickTime files from before the {@code ftyp}
 *       box (starting with {@code moov}/{@code mdat}) are not accepted either.
 *   <li>TXT: only when nothing above matched, the whole content is strict UTF-8 (malformed input,
 *       overlong forms and encoded surrogates are errors), and it holds no C0 control character
 *       other than tab, LF and CR (so no NUL). A UTF-8 byte-order mark is allowed.
 * </ul>
 *
 * <p>A file that starts with the OLE2, ZIP or {@code ftyp} signature but fails the closer check
 * is rejected, not tried as text. A DOC, DOCX or PDF with active content is rejected with a reason
 * of its own ({@link AttachmentRejected.Reason#ACTIVE_CONTENT}): officers open these files, so
 * nothing that runs may reach them. The size limit is checked where the upload is read.
 */
public final class AttachmentSniffer {
  /** Largest attachment, in bytes. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  /** Most attachments per report. */
  public static final int MAX_FILES = 3;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
  static final byte[] OLE2 = {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  private AttachmentSniffer() {}

  /**
   * The type of an uploaded file.
   *
   * @param fileNumber the file's 1-based position in the upload, for the message
   * @param clientName the name the client gave, for the message only (may be null)
   * @throws AttachmentRejected if the content is empty or of no allowed type
   */
  public static AttachmentType sniff(byte[] content, int fileNumber, String clientName) {
    if (content.length == 0) {
      throw AttachmentRejected.empty(fileNumber, clientName);
    }
    Verdict verdict = verdict(content);
    if (verdict.activeContent() != null) {
      throw AttachmentRejected.activeContent(fileNumber, clientName, verdict.type(), verdict.activeContent());
    } else if (verdict.type() == null) {
      throw AttachmentRejected.unsupported(fileNumber, clientName);
    }
    return verdict.type();
  }

  /** The type of these bytes, or empty if they are empty, of no allowed type, or carry active content. */
  public static Optional<AttachmentType> detect(byte[] content) {
    return Optional.ofNullable(verdict(content).acceptedType());
  }

  private static Verdict verdict(byte[] b) {
    if (b.length == 0) {
      return Verdict.NOT_THIS_TYPE;
    } else if (startsWith(b, JPEG)) {
      return Verdict.of(AttachmentType.JPEG);
    } else if (startsWith(b, PNG)) {
      return Verdict.of(AttachmentType.PNG);
    } else if (startsWith(b, PDF)) {
      return PdfFiles.check(b);
    } else if (startsWith(b, OLE2)) {
      return WordFiles.doc(b);
    } else if (startsWith(b, ZIP)) {
      return WordFiles.docx(b);
    } else if (b.length >= 8 && new String(b, 4, 4, ISO_8859_1).equals("ftyp")) {
      return Verdict.of(isoMedia(b));
    }
    return Verdict.of(isUtf8Text(b) ? AttachmentType.TXT : null);
  }

  /** MOV or 3GP by the major brand of a well-formed leading {@code ftyp} box. */
  private static AttachmentType isoMedia(byte[] b) {
    long boxSize = ByteBuffer.wrap(b).getInt(0) & 0xFFFF_FFFFL;
    if (b.length < 16 || boxSize < 16 || boxSize > b.length) {
      return null;
    }
    String major = new String(b, 8, 4, ISO_8859_1);
    if (major.equals("qt  ")) {
      return AttachmentType.MOV;
    } else if (major.startsWith("3gp")) {
      return AttachmentType.THREE_GP;
    } else if (major.startsWith("3g2")) {
      return AttachmentType.THREE_G2;
    }
    return null;
  }

  private static boolean isUtf8Text(byte[] b) {
    for (byte x : b) {
      if (x >= 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r') {
        return false; // in UTF-8 these bytes only ever stand for the C0 characters themselves
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return false;
      } else if (result.isUnderflow()) {
        break;
      }
      out.clear(); // overflow: only validity matters, so drop what was decoded
    }
    out.clear();
    return !decoder.flush(out).isError();
  }

  static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
