package pl.kmzb.report;

/**
 * A file attached to a report (up to three): its number on the report, the display name, the
 * media type established from its bytes, its size and SHA-256. The content is read separately.
 */
public record Attachment(long reportId, int n, String fileName, String mediaType, int size, String sha256) {}
