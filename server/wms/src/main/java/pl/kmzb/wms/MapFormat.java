package pl.kmzb.wms;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats GetMap, INIMAGE/BLANK exceptions and GetLegendGraphic answer in: 24-bit PNG
 * (with alpha when transparent), 8-bit palette PNG with transparency, and JPEG (no alpha: a
 * transparent request gets the background colour).
 */
public enum MapFormat {
  PNG("image/png", true),
  PNG8("image/png; mode=8bit", true),
  JPEG("image/jpeg", false);

  /** JPEG quality: maps are mostly flat colour and text, which blocks at lower settings. */
  static final float JPEG_QUALITY = 0.85f;

  private final String mediaType;
  private final boolean alpha;

  MapFormat(String mediaType, boolean alpha) {
    this.mediaType = mediaType;
    this.alpha = alpha;
  }

  public String mediaType() {
    return mediaType;
  }

  /** Whether the format can carry transparency. */
  public boolean alpha() {
    return alpha;
  }

  /** The format a FORMAT value names: parameters and spaces are normalised, case is ignored. */
  public static Optional<MapFormat> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("%20", "");
    return switch (v) {
      case "image/png", "png", "image/png;mode=24bit", "image/png;mode=32bit" -> Optional.of(PNG);
      case "image/png;mode=8bit", "image/png8", "png8", "image/png;mode=8-bit" -> Optional.of(PNG8);
      case "image/jpeg", "image/jpg", "jpeg", "jpg" -> Optional.of(JPEG);
      default -> Optional.empty();
    };
  }

  /** The image encoded in this format. */
  public byte[] encode(BufferedImage image) {
    return switch (this) {
      case PNG -> pl.kmzb.render.ImageFormats.png24(image);
      case PNG8 -> pl.kmzb.render.ImageFormats.png8(image);
      case JPEG -> pl.kmzb.render.ImageFormats.jpeg(image, JPEG_QUALITY);
    };
  }
}
