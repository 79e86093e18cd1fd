package pl.kmzb.wmts;

import java.util.Locale;
import java.util.Optional;

/** The tile formats WMTS offers for raster layers, with the file extension of RESTful URLs. */
public enum TileFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg");

  private final String mediaType;
  private final String extension;

  TileFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** The format of a FORMAT value (media type, any case). */
  public static Optional<TileFormat> parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    for (TileFormat f : values()) {
      if (f.mediaType.equals(v)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format of a RESTful file extension ("png", "jpg", "jpeg"). */
  public static Optional<TileFormat> ofExtension(String ext) {
    return switch (ext.toLowerCase(Locale.ROOT)) {
      case "png" -> Optional.of(PNG);
      case "jpg", "jpeg" -> Optional.of(JPEG);
      default -> Optional.empty();
    };
  }
}
