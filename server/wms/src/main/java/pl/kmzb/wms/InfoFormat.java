package pl.kmzb.wms;

import java.util.Locale;
import java.util.Optional;

/** The GetFeatureInfo answer formats (INFO_FORMAT). */
public enum InfoFormat {
  TEXT("text/plain; charset=UTF-8", "text/plain"),
  HTML("text/html; charset=UTF-8", "text/html"),
  JSON("application/json", "application/json"),
  GML3("application/vnd.ogc.gml/3.1.1", "application/vnd.ogc.gml/3.1.1");

  private final String contentType;
  private final String name;

  InfoFormat(String contentType, String name) {
    this.contentType = contentType;
    this.name = name;
  }

  public String contentType() {
    return contentType;
  }

  /** The name capabilities list. */
  public String formatName() {
    return name;
  }

  public static Optional<InfoFormat> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    return switch (v) {
      case "text/plain" -> Optional.of(TEXT);
      case "text/html" -> Optional.of(HTML);
      case "application/json", "application/geo+json", "json" -> Optional.of(JSON);
      case "application/vnd.ogc.gml/3.1.1", "text/xml;subtype=gml/3.1.1", "application/gml+xml;version=3.1",
          "gml3" -> Optional.of(GML3);
      default -> Optional.empty();
    };
  }
}
