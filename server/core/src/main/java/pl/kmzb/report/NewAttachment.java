package pl.kmzb.report;

import java.util.Objects;

/** A file to store with a new report, already checked (type sniffed from its bytes, name made safe). */
public record NewAttachment(String fileName, String mediaType, byte[] content) {
  public NewAttachment {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(content, "content");
  }
}
