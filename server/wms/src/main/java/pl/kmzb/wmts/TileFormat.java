package pl.kmzb.wmts;

import java.util.Locale;
import java.util.Optional;

/**
 * The tile formats WMTS offers, with the file extension of RESTful URLs: PNG and JPEG for every layer,
 * Mapbox Vector Tiles for the clustered threats (the {@code threats} tileset).
 */
public enum TileFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg"),
  MVT("application/vnd.mapbox-vector-tile", "mvt");

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

  /** The formats of {@code layer}: vector tiles only where a vector tileset exists. */
  public static java.util.List<TileFormat> of(pl.kmzb.layer.PublishedLayer layer) {
    return layer.kind() == pl.kmzb.layer.LayerKind.THREAT_CLUSTERS ? java.util.List.of(PNG, JPEG, MVT)
        : java.util.List.of(PNG, JPEG);
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
      case "mvt", "pbf" -> Optional.of(MVT);
      default -> Optional.empty();
    };
  }
}
