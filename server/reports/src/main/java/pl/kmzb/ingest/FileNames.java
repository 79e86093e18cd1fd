package pl.kmzb.ingest;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Safe names for attachments. A client's file name is kept for display and download, but never
 * trusted: any path is dropped (both {@code /} and {@code \}), control and invisible formatting
 * characters go (so U+202E cannot make {@code gpj.exe} look like {@code exe.jpg}), characters that
 * Windows forbids or that would break a {@code Content-Disposition} header become {@code _}, and the
 * extension always matches the type sniffed from the bytes.
 */
public final class FileNames {
  /** Longest name, in UTF-16 chars, including the extension. */
  public static final int MAX_LENGTH = 100;
  /** The name used when nothing of the client's name is left. */
  public static final String FALLBACK = "attachment";

  private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  private FileNames() {}

  /**
   * The name to store and offer for download: the client's {@link #displayName} with the extension
   * of {@code type}. An extension of any allowed type is replaced ({@code scan.pdf} holding a PNG
   * becomes {@code scan.png}, {@code IMG.JPEG} becomes {@code IMG.jpg}); any other is kept in the
   * name and the right one appended ({@code x.exe} holding a JPEG becomes {@code x.exe.jpg}).
   * Leading dots and trailing dots and spaces are dropped; an empty name becomes {@value #FALLBACK}.
   */
  public static String sanitise(String clientName, AttachmentType type) {
    String base = displayName(clientName);
    int dot = base.lastIndexOf('.');
    if (dot >= 0 && isAllowedExtension(base.substring(dot + 1))) {
      base = base.substring(0, dot);
    }
    base = base.replaceFirst("^[.\\s]+", "").replaceFirst("[.\\s]+$", "");
    if (base.isEmpty()) {
      base = FALLBACK;
    } else if (WINDOWS_DEVICE.matcher(base).matches()) {
      base = "_" + base;
    }
    String suffix = "." + type.extension();
    return truncate(base, MAX_LENGTH - suffix.length()).stripTrailing() + suffix;
  }

  /**
   * The client's name made safe to show: NFC-normalised, without any directory part, control,
   * format, separator or lone surrogate characters, with {@code < > : " | ? *} replaced by
   * {@code _}, runs of white space collapsed, trimmed, and cut to {@value #MAX_LENGTH} chars.
   * Empty if nothing is left (or the name is null).
   */
  public static String displayName(String clientName) {
    if (clientName == null) {
      return "";
    }
    String name = Normalizer.normalize(clientName, Normalizer.Form.NFC);
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints().forEach(cp -> {
      switch (Character.getType(cp)) {
        case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
            Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED -> { }
        default -> {
          if ("<>:\"|?*".indexOf(cp) >= 0) {
            out.append('_');
          } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            out.append(' ');
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    String cleaned = out.toString().replaceAll(" {2,}", " ").strip();
    return truncate(cleaned, MAX_LENGTH);
  }

  private static boolean isAllowedExtension(String ext) {
    return !ext.isEmpty() && Arrays.stream(AttachmentType.values()).anyMatch(t -> t.hasExtension(ext));
  }

  /** At most {@code max} chars, never splitting a surrogate pair. */
  private static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
