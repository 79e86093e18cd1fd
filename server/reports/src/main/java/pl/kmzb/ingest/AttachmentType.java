package pl.kmzb.ingest;

import java.util.List;
import java.util.Locale;

/**
 * The attachment types citizens and officers may upload, each with its canonical media type and file
 * extension. The type is decided from the bytes by {@link AttachmentSniffer}, never from the name.
 *
 * <p>{@code aliases} are extensions clients commonly use for the same type; {@link FileNames} replaces
 * them with the canonical one.
 */
public enum AttachmentType {
  JPEG("JPG", "image/jpeg", "jpg", "jpeg", "jpe", "jfif"),
  PNG("PNG", "image/png", "png"),
  PDF("PDF", "application/pdf", "pdf"),
  DOC("DOC", "application/msword", "doc", "dot"),
  DOCX("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  MOV("MOV", "video/quicktime", "mov", "qt"),
  THREE_GP("3GP", "video/3gpp", "3gp", "3gpp"),
  THREE_G2("3G2", "video/3gpp2", "3g2", "3gpp2"),
  TXT("TXT", "text/plain; charset=utf-8", "txt", "text", "log");

  private final String label;
  private final String mediaType;
  private final String extension;
  private final List<String> aliases;

  AttachmentType(String label, String mediaType, String extension, String... otherExtensions) {
    this.label = label;
    this.mediaType = mediaType;
    this.extension = extension;
    this.aliases = List.of(otherExtensions);
  }

  /** Short upper-case name for messages, e.g. "JPG". */
  public String label() {
    return label;
  }

  /** The media type to store and to send on download, e.g. "image/jpeg". */
  public String mediaType() {
    return mediaType;
  }

  /** The canonical file extension, lower case and without the dot, e.g. "jpg". */
  public String extension() {
    return extension;
  }

  /** True if {@code ext} (without the dot, any case) is this type's extension or a common alias. */
  public boolean hasExtension(String ext) {
    String lower = ext.toLowerCase(Locale.ROOT);
    return extension.equals(lower) || aliases.contains(lower);
  }
}
