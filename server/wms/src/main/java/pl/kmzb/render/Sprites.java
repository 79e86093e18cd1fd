package pl.kmzb.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.icons.Icons;
import pl.kmzb.style.Feature;
import pl.kmzb.style.Symbolizer;
import pl.kmzb.style.Symbolizer.ExternalGraphic;
import pl.kmzb.style.Symbolizer.Graphic;
import pl.kmzb.style.Symbolizer.Mark;

/** Point symbols rasterised once per (graphic, resolved colours, icon); shared by every map, bounded. */
final class Sprites {
  private static final int MAX = 8192;
  private static final Map<Symbolizer.Font, Font> FONTS = new ConcurrentHashMap<>();
  private final Map<Key, Sprite> cache = new ConcurrentHashMap<>();

  private record Key(Graphic graphic, int fill, int stroke, String icon) {}

  static Font font(Symbolizer.Font f) {
    return FONTS.computeIfAbsent(f, k -> new Font(k.family(), (k.bold() ? Font.BOLD : 0)
        | (k.italic() ? Font.ITALIC : 0), 1).deriveFont((float) k.size()));
  }

  Sprite get(Graphic graphic, Feature f, Icons icons) {
    int fill = 0;
    int stroke = 0;
    String icon = null;
    if (graphic.element() instanceof Mark m) {
      fill = m.fill() == null ? 0 : Painter.colour(m.fill().colour(), f, m.fill().opacity()).getRGB();
      stroke = m.stroke() == null ? 0 : Painter.colour(m.stroke().colour(), f, m.stroke().opacity()).getRGB();
    } else if (graphic.element() instanceof ExternalGraphic e) {
      icon = e.fixedIcon() != null ? e.fixedIcon() : (String) f.property("category_icon");
      if (icon == null || !icons.has(icon)) {
        return null;
      }
    }
    Key key = new Key(graphic, fill, stroke, icon);
    Sprite s = cache.get(key);
    if (s == null) {
      if (cache.size() >= MAX) {
        cache.clear();
      }
      s = render(graphic, f, icons, icon);
      cache.put(key, s);
    }
    return s;
  }

  private static Sprite render(Graphic graphic, Feature f, Icons icons, String icon) {
    double size = graphic.size();
    if (icon != null) {
      int px = (int) Math.max(1, Math.round(size));
      return new Sprite(icons.glyph(icon, px, Color.WHITE), px / 2.0);
    }
    Mark m = (Mark) graphic.element();
    double strokeWidth = m.stroke() == null ? 0 : m.stroke().width();
    int dim = (int) Math.ceil(size + strokeWidth + 2);
    BufferedImage img = new BufferedImage(dim, dim, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    AffineTransform at = AffineTransform.getTranslateInstance(dim / 2.0, dim / 2.0);
    at.rotate(Math.toRadians(graphic.rotation()));
    Shape shape = at.createTransformedShape(markShape(m.wellKnownName(), size));
    if (m.fill() != null) {
      g.setColor(Painter.colour(m.fill().colour(), f, m.fill().opacity()));
      g.fill(shape);
    }
    if (m.stroke() != null && m.stroke().width() > 0) {
      g.setColor(Painter.colour(m.stroke().colour(), f, m.stroke().opacity()));
      g.setStroke(Painter.basic(m.stroke()));
      g.draw(shape);
    }
    g.dispose();
    return new Sprite(img, dim / 2.0);
  }

  /** A raster of one point symbol with its centre at (centre, centre). */
  record Sprite(BufferedImage image, double centre) {}

  /** A well-known mark of {@code size} pixels centred on the origin. */
  static Shape markShape(String name, double size) {
    double h = size / 2;
    switch (name) {
      case "circle":
        return new Ellipse2D.Double(-h, -h, size, size);
      case "triangle": {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -h);
        p.lineTo(h, h);
        p.lineTo(-h, h);
        p.closePath();
        return p;
      }
      case "star": {
        Path2D p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
          double r = i % 2 == 0 ? h : h * 0.4;
          double a = -Math.PI / 2 + i * Math.PI / 5;
          if (i == 0) {
            p.moveTo(r * Math.cos(a), r * Math.sin(a));
          } else {
            p.lineTo(r * Math.cos(a), r * Math.sin(a));
          }
        }
        p.closePath();
        return p;
      }
      case "cross":
      case "x": {
        double t = size / 10;
        Path2D p = new Path2D.Double();
        p.moveTo(-t, -h);
        p.lineTo(t, -h);
        p.lineTo(t, -t);
        p.lineTo(h, -t);
        p.lineTo(h, t);
        p.lineTo(t, t);
        p.lineTo(t, h);
        p.lineTo(-t, h);
        p.lineTo(-t, t);
        p.lineTo(-h, t);
        p.lineTo(-h, -t);
        p.lineTo(-t, -t);
        p.closePath();
        return name.equals("x") ? AffineTransform.getRotateInstance(Math.PI / 4).createTransformedShape(p) : p;
      }
      default:
        return new Rectangle2D.Double(-h, -h, size, size);
    }
  }
}
