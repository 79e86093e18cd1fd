package pl.kmzb.ingest;

/**
 * An uploaded file that may not be attached. The message names the file by its position (1-based)
 * and, when given, its display name, so it can go into a problem-details response as it is.
 */
public final class AttachmentRejected extends RuntimeException {
  /** Why: lets the HTTP layer pick a status (413 for {@code TOO_LARGE}, 400 otherwise). */
  public enum Reason { EMPTY, UNSUPPORTED_TYPE, ACTIVE_CONTENT, TOO_LARGE, TOO_MANY }

  private final Reason reason;
  private final int fileNumber;

  public AttachmentRejected(Reason reason, int fileNumber, String message) {
    super(message);
    this.reason = reason;
    this.fileNumber = fileNumber;
  }

  /** "file 2 (x.exe): not a JPG, …": an upload whose bytes match no allowed type. */
  public static AttachmentRejected unsupported(int fileNumber, String clientName) {
    return new AttachmentRejected(Reason.UNSUPPORTED_TYPE, fileNumber,
        describe(fileNumber, clientName) + ": not a JPG, PNG, PDF, DOC, DOCX, MOV, 3GP or UTF-8 text file");
  }

  /**
   * "file 1 (x.pdf): a PDF with JavaScript is not accepted, …": a file of an allowed type carrying
   * active content, which officers must never receive.
   */
  public static AttachmentRejected activeContent(int fileNumber, String clientName, AttachmentType type, String what) {
    return new AttachmentRejected(Reason.ACTIVE_CONTENT, fileNumber, describe(fileNumber, clientName) + ": a "
        + type.label() + " with " + what + " is not accepted; attachments may not carry macros, scripts or"
        + " embedded files (save it as a plain document, or send a screenshot)");
  }

  /** "file 1 is empty". */
  public static AttachmentRejected empty(int fileNumber, String clientName) {
    return new AttachmentRejected(Reason.EMPTY, fileNumber, describe(fileNumber, clientName) + " is empty");
  }

  /** "file 3 (film.mov) is larger than 5 MB": for the size check done while reading the upload. */
  public static AttachmentRejected tooLarge(int fileNumber, String clientName) {
    return new AttachmentRejected(Reason.TOO_LARGE, fileNumber, describe(fileNumber, clientName)
        + " is larger than " + AttachmentSniffer.MAX_BYTES / (1024 * 1024) + " MB");
  }

  /** "4 files attached, at most 3 are allowed". */
  public static AttachmentRejected tooMany(int count) {
    return new AttachmentRejected(Reason.TOO_MANY, count,
        count + " files attached, at most " + AttachmentSniffer.MAX_FILES + " are allowed");
  }

  public Reason reason() {
    return reason;
  }

  /** The 1-based position of the file in the upload (for {@code TOO_MANY}: the number of files). */
  public int fileNumber() {
    return fileNumber;
  }

  private static String describe(int fileNumber, String clientName) {
    String name = clientName == null ? "" : FileNames.displayName(clientName);
    return name.isEmpty() ? "file " + fileNumber : "file " + fileNumber + " (" + name + ")";
  }
}
