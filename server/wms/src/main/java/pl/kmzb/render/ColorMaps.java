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
