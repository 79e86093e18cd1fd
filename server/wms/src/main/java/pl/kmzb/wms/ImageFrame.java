package pl.kmzb.wms;

import java.awt.Color;

/**
 * The image a GetMap request asked for, as far as it could be read: INIMAGE and BLANK exceptions
 * answer in it, so a client that asked for a 256×256 transparent PNG gets one whatever went wrong.
 */
public record ImageFrame(int width, int height, MapFormat format, boolean transparent, Color background) {
  public static final Color WHITE = Color.WHITE;

  /** Transparent only where the format can carry it. */
  public boolean clear() {
    return transparent && format.alpha();
  }
}
