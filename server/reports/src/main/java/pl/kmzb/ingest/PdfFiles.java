package pl.kmzb.ingest;

import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds active content in a PDF: JavaScript ({@code /JS}, {@code /JavaScript}), launch actions
 * ({@code /Launch}), embedded files ({@code /EmbeddedFile}, {@code /EmbeddedFiles}), XFA forms
 * ({@code /XFA}, scripted XML) and rich media ({@code /RichMedia}). A reader only acts on these
 * when they appear as names in a dictionary, so the check looks for the names, with PDF's
 * {@code #xx} escapes decoded ({@code /J#61vaScript} is {@code /JavaScript}).
 *
 * <p>How it reads, and why:
 * <ul>
 *   <li>Every byte of the file is scanned for names, without parsing the PDF's syntax: a scanner
 *       that parsed strings, comments and stream boundaries could be steered by a file into a
 *       different reading than a reader's, and skip what the reader sees. The price is a rare false
 *       alarm on binary data; {@code /JS} (the only short name) therefore counts only when followed
 *       by a value a script can be: a string, a hex string or an object reference.
 *   <li>Dictionaries can also sit compressed inside object streams ({@code /Type /ObjStm}, PDF 1.5),
 *       invisible in the raw bytes, and most current producers write them. Rejecting every PDF with
 *       object streams would refuse most PDFs citizens have, so the data of every stream that looks
 *       like zlib is inflated with {@link Inflater} and, if it comes out as text (object streams and
 *       page content do; images and fonts do not), scanned the same way. A stream whose dictionary
 *       says {@code ObjStm} must inflate completely to text within the budget, or the PDF is
 *       refused: active content that cannot be ruled out is treated as present.
 *   <li>At most {@link #INFLATE_BUDGET} bytes are inflated per file, so a compression bomb costs
 *       a bounded amount of time and memory; an object stream beyond it is refused.
 * </ul>
 * Not covered: a file crafted so that this byte-level reading and a reader's parse disagree about
 * which stream carries the {@code ObjStm} name, with that object stream encoded so it does not
 * inflate to text (a PNG predictor); closing that needs a full PDF parser (PDFBox), which this
 * project does not carry for one check.
 */
final class PdfFiles {
  /** Bytes inflated per file at most, over all its streams. */
  static final int INFLATE_BUDGET = 32 << 20;
  private static final int TEXT_PROBE = 64;
  private static final int MAX_NAME = 256;
  private static final Map<String, String> ACTIVE = Map.of(
      "JS", "JavaScript", "JavaScript", "JavaScript", "Launch", "a launch action",
      "EmbeddedFile", "embedded files", "EmbeddedFiles", "embedded files",
      "XFA", "an XFA form", "RichMedia", "rich media");
  private static final byte[] STREAM = "stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] END_STREAM = "endstream".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private PdfFiles() {}

  /** A PDF (the caller has seen {@code %PDF-}), refused if it carries active content. */
  static Verdict check(byte[] b) {
    String found = activeName(b, 0, b.length);
    if (found == null) {
      found = inStreams(b);
    }
    return found == null ? Verdict.of(AttachmentType.PDF) : Verdict.active(AttachmentType.PDF, found);
  }

  /** Inflates the streams that may hide dictionaries and scans them; what was found, or null. */
  private static String inStreams(byte[] b) {
    int budget = INFLATE_BUDGET;
    int gapStart = 0; // where the bytes before this stream (its dictionary among them) begin
    int from = 0;
    for (int s = streamKeyword(b, from); s >= 0; s = streamKeyword(b, from)) {
      int data = dataStart(b, s + STREAM.length);
      if (data < 0) {
        from = s + STREAM.length; // not followed by an end of line: not a stream's data
        continue;
      }
      int end = indexOf(b, END_STREAM, data);
      end = end < 0 ? b.length : end;
      boolean objectStream = hasName(b, gapStart, s, "ObjStm");
      gapStart = end;
      from = end;
      Inflated out = inflate(b, data, end, objectStream ? budget : Math.min(budget, TEXT_PROBE));
      if (!objectStream && out != null && isText(out.bytes(), out.length())) {
        out = inflate(b, data, end, budget); // page content and the like: read it all
      }
      if (out == null || !isText(out.bytes(), out.length()) || objectStream && !out.complete()) {
        if (objectStream) {
          return "compressed objects that cannot be checked (an object stream that does not inflate to text"
              + " within " + (INFLATE_BUDGET >> 20) + " MB)";
        }
        continue;
      }
      budget -= out.length();
      String found = activeName(out.bytes(), 0, out.length());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private record Inflated(byte[] bytes, int length, boolean complete) {}

  /** Zlib data inflated to at most {@code max} bytes; null if it is not zlib or breaks at once. */
  private static Inflated inflate(byte[] b, int from, int to, int max) {
    if (to - from < 2 || (b[from] & 0x0F) != 8 || ((b[from] & 0xFF) << 8 | (b[from + 1] & 0xFF)) % 31 != 0 || max <= 0) {
      return null;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(b, from, to - from);
      byte[] out = new byte[Math.min(max, 1 << 16)];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          if (n >= max) {
            break;
          }
          out = java.util.Arrays.copyOf(out, (int) Math.min(max, 2L * n));
        }
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && !inflater.finished()) {
          break; // truncated or needs a dictionary: use what came out
        }
        n += got;
      }
      return n == 0 ? null : new Inflated(out, n, inflater.finished());
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  /** The first {@value #TEXT_PROBE} bytes are printable ASCII or PDF white space. */
  private static boolean isText(byte[] b, int length) {
    for (int i = 0; i < Math.min(length, TEXT_PROBE); i++) {
      int c = b[i] & 0xFF;
      if ((c < 0x20 || c > 0x7E) && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        return false;
      }
    }
    return true;
  }

  /** Position of the next {@code stream} keyword (not the end of {@code endstream}), or -1. */
  private static int streamKeyword(byte[] b, int from) {
    for (int i = indexOf(b, STREAM, from); i >= 0; i = indexOf(b, STREAM, i + 1)) {
      if (i < 3 || !(b[i - 3] == 'e' && b[i - 2] == 'n' && b[i - 1] == 'd')) {
        return i;
      }
    }
    return -1;
  }

  /** Where stream data begins after the keyword's end of line (CRLF, LF or CR), or -1. */
  private static int dataStart(byte[] b, int afterKeyword) {
    if (afterKeyword < b.length && b[afterKeyword] == '\r') {
      return afterKeyword + 1 < b.length && b[afterKeyword + 1] == '\n' ? afterKeyword + 2 : afterKeyword + 1;
    }
    return afterKeyword < b.length && b[afterKeyword] == '\n' ? afterKeyword + 1 : -1;
  }

  /** The active content the first active name in {@code [from, to)} stands for, or null. */
  static String activeName(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != '/') {
        continue;
      }
      int end = nameEnd(b, i + 1, to);
      String name = decodeName(b, i + 1, end);
      String what = ACTIVE.get(name);
      if (what != null && (!name.equals("JS") || scriptValueFollows(b, end, to))) {
        return what;
      }
      i = end - 1;
    }
    return null;
  }

  private static boolean hasName(byte[] b, int from, int to, String wanted) {
    for (int i = from; i < to; i++) {
      if (b[i] == '/') {
        int end = nameEnd(b, i + 1, to);
        if (decodeName(b, i + 1, end).equals(wanted)) {
          return true;
        }
        i = end - 1;
      }
    }
    return false;
  }

  private static int nameEnd(byte[] b, int from, int to) {
    int j = from;
    while (j < to && j - from < MAX_NAME && isRegular(b[j])) {
      j++;
    }
    return j;
  }

  /** A name's characters with {@code #xx} escapes decoded (an incomplete escape stays as written). */
  static String decodeName(byte[] b, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int hi = i + 2 < to && b[i] == '#' ? Character.digit(b[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(b[i + 2], 16) : -1;
      if (lo >= 0) {
        out.append((char) (hi << 4 | lo));
        i += 2;
      } else {
        out.append((char) (b[i] & 0xFF));
      }
    }
    return out.toString();
  }

  /** After {@code /JS}: white space, then a string, a hex string, or an object reference. */
  private static boolean scriptValueFollows(byte[] b, int from, int to) {
    int i = from;
    while (i < to && isWhite(b[i])) {
      i++;
    }
    return i < to && (b[i] == '(' || b[i] == '<' || b[i] >= '0' && b[i] <= '9');
  }

  private static boolean isWhite(byte c) {
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
  }

  private static boolean isRegular(byte c) {
    return !isWhite(c) && "()<>[]{}/%".indexOf(c) < 0;
  }

  static int indexOf(byte[] b, byte[] what, int from) {
    outer:
    for (int i = Math.max(0, from); i <= b.length - what.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (b[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
