package pl.kmzb.render;

import java.awt.Color;
import java.util.List;
import pl.kmzb.style.Symbolizer.ColorMapEntry;
import pl.kmzb.style.Symbolizer.RasterSymbolizer;

/**
 * A colour map's colour for a value. {@code ramp}: below the first entry its colour, above the last
 * the last colour, between two entries colour and opacity interpolated linearly. {@code intervals}
 * (SLD 1.0): an entry's colour holds for values from the previous entry's quantity up to, not
 * including, its own; values at or past the last quantity get none (null).
 */
final class ColorMaps {
  private ColorMaps() {}

  static Color colour(RasterSymbolizer map, double value) {
    List<ColorMapEntry> e = map.entries();
    if (e.isEmpty() || Double.isNaN(value)) {
      return null;
    }
    if (map.intervals()) {
      for (ColorMapEntry entry : e) {
        if (value < entry.quantity()) {
          return of(entry.colour(), entry.opacity());
        }
      }
      return null;
    }
    if (value <= e.get(0).quantity()) {
      return of(e.get(0).colour(), e.get(0).opacity());
    }
    for (int i = 1; i < e.size(); i++) {
      ColorMapEntry hi = e.get(i);
      if (value <= hi.quantity()) {
        ColorMapEntry lo = e.get(i - 1);
        double t = (value - lo.quantity()) / (hi.quantity() - lo.quantity());
        Color a = of(lo.colour(), lo.opacity());
        Color b = of(hi.colour(), hi.opacity());
        return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
            mix(a.getBlue(), b.getBlue(), t), mix(a.getAlpha(), b.getAlpha(), t));
      }
    }
    ColorMapEntry last = e.get(e.size() - 1);
    return of(last.colour(), last.opacity());
  }

  /**
   * A colour map made ready for a raster: {@link #argb} answers what {@link #colour} does, as an ARGB
   * int (0 for none) with the map's opacity applied, without parsing or allocating per pixel.
   */
  static final class Compiled {
    private final double[] quantity;
    private final int[] red;
    private final int[] green;
    private final int[] blue;
    private final int[] alpha;
    private final boolean intervals;
    private final double opacity;

    Compiled(RasterSymbolizer map) {
      List<ColorMapEntry> e = map.entries();
      int n = e.size();
      quantity = new double[n];
      red = new int[n];
      green = new int[n];
      blue = new int[n];
      alpha = new int[n];
      for (int i = 0; i < n; i++) {
        Color c = of(e.get(i).colour(), e.get(i).opacity());
        quantity[i] = e.get(i).quantity();
        red[i] = c.getRed();
        green[i] = c.getGreen();
        blue[i] = c.getBlue();
        alpha[i] = c.getAlpha();
      }
      intervals = map.intervals();
      opacity = Math.min(1, map.opacity());
    }

    int argb(double value) {
      int n = quantity.length;
      if (n == 0 || Double.isNaN(value)) {
        return 0;
      }
      if (intervals) {
        for (int i = 0; i < n; i++) {
          if (value < quantity[i]) {
            return pack(red[i], green[i], blue[i], alpha[i]);
          }
        }
        return 0;
      }
      if (value <= quantity[0]) {
        return pack(red[0], green[0], blue[0], alpha[0]);
      }
      for (int i = 1; i < n; i++) {
        if (value <= quantity[i]) {
          double t = (value - quantity[i - 1]) / (quantity[i] - quantity[i - 1]);
          return pack(mix(red[i - 1], red[i], t), mix(green[i - 1], green[i], t), mix(blue[i - 1], blue[i], t),
              mix(alpha[i - 1], alpha[i], t));
        }
      }
      return pack(red[n - 1], green[n - 1], blue[n - 1], alpha[n - 1]);
    }

    private int pack(int r, int g, int b, int a) {
      int scaled = (int) Math.round(a * opacity);
      return (scaled << 24) | (r << 16) | (g << 8) | b;
    }
  }

  /** 256 ARGB colours for values spread evenly over [lo, hi] (the heat map's lookup table). */
  static int[] table(RasterSymbolizer map, double lo, double hi) {
    int[] out = new int[256];
    for (int i = 0; i < 256; i++) {
      Color c = colour(map, lo + (hi - lo) * i / 255.0);
      out[i] = c == null ? 0 : c.getRGB();
    }
    return out;
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }

  static Color of(String hex, double opacity) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, (int) Math.round(opacity * 255));
  }
}
