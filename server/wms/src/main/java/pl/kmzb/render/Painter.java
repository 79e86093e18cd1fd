package pl.kmzb.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.icons.Icons;
import pl.kmzb.style.Expr;
import pl.kmzb.style.Feature;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.Symbolizer;
import pl.kmzb.style.Symbolizer.Fill;
import pl.kmzb.style.Symbolizer.Graphic;
import pl.kmzb.style.Symbolizer.Stroke;

/**
 * Draws a style's symbolizers for features on one map. Point symbols are rasterised once per
 * (graphic, resolved colours, icon) into sprites shared by every map ({@link Sprites}), so a map
 * of thousands of markers is thousands of image copies. Labels are collected and placed last, in
 * order of priority, through the map's {@link LabelIndex}: no label covers another.
 */
final class Painter {
  private final Graphics2D g;
  private final Icons icons;
  private final Sprites sprites;
  private final LabelIndex labels;
  private final List<PendingLabel> pending = new ArrayList<>();
  private final SymbolBoxes symbols;
  /** The layer being drawn and the feature's place in the drawing order: what is drawn later lies above. */
  private int layer;
  private long feature;

  private record PendingLabel(Symbolizer.TextSymbolizer symbolizer, String text, double x, double y, double priority,
      int order, int layer, long feature) {}

  Painter(Graphics2D g, Icons icons, Sprites sprites, LabelIndex labels) {
    this.g = g;
    this.icons = icons;
    this.sprites = sprites;
    this.labels = labels;
    this.symbols = new SymbolBoxes(labels.width(), labels.height());
  }

  /** Starts the next layer of the map. */
  void nextLayer() {
    layer++;
  }

  /** Draws what {@code style}'s rules say for a point feature at pixel (x, y). */
  void point(Style style, double scale, Feature f, double x, double y, double labelPriority) {
    feature++;
    for (Style.FeatureTypeStyle fts : style.featureTypeStyles()) {
      boolean matched = false;
      for (Rule r : fts.rules()) {
        if (!r.elseFilter() && r.appliesAtScale(scale) && r.filter().test(f)) {
          matched = true;
          drawAt(r, f, x, y, null, labelPriority);
        }
      }
      if (!matched) {
        for (Rule r : fts.rules()) {
          if (r.elseFilter() && r.appliesAtScale(scale)) {
            drawAt(r, f, x, y, null, labelPriority);
          }
        }
      }
    }
  }

  /** Draws what {@code style}'s rules say for a line or polygon feature; labels go at (x, y). */
  void shape(Style style, double scale, Feature f, Shape shape, double x, double y, double labelPriority) {
    feature++;
    for (Style.FeatureTypeStyle fts : style.featureTypeStyles()) {
      boolean matched = false;
      for (Rule r : fts.rules()) {
        if (!r.elseFilter() && r.appliesAtScale(scale) && r.filter().test(f)) {
          matched = true;
          drawAt(r, f, x, y, shape, labelPriority);
        }
      }
      if (!matched) {
        for (Rule r : fts.rules()) {
          if (r.elseFilter() && r.appliesAtScale(scale)) {
            drawAt(r, f, x, y, shape, labelPriority);
          }
        }
      }
    }
  }

  private void drawAt(Rule r, Feature f, double x, double y, Shape shape, double labelPriority) {
    for (Symbolizer s : r.symbolizers()) {
      if (s instanceof Symbolizer.PointSymbolizer p) {
        drawSprite(p.graphic(), f, x, y);
      } else if (s instanceof Symbolizer.TextSymbolizer t) {
        String text = t.label().text(f);
        if (text != null && !text.isEmpty() && Double.isFinite(x) && Double.isFinite(y)) {
          pending.add(new PendingLabel(t, text, x, y, labelPriority, pending.size(), layer, feature));
        }
      } else if (shape != null && s instanceof Symbolizer.PolygonSymbolizer p) {
        fillShape(p.fill(), f, shape);
        strokeShape(p.stroke(), f, shape);
      } else if (shape != null && s instanceof Symbolizer.LineSymbolizer l) {
        strokeShape(l.stroke(), f, shape);
      }
    }
  }

  void fillShape(Fill fill, Feature f, Shape shape) {
    if (fill != null) {
      g.setColor(colour(fill.colour(), f, fill.opacity()));
      g.fill(shape);
    }
  }

  void strokeShape(Stroke stroke, Feature f, Shape shape) {
    strokeShapeOn(g, stroke, f, shape);
  }

  static void strokeShapeOn(Graphics2D g, Stroke stroke, Feature f, Shape shape) {
    if (stroke != null && stroke.width() > 0) {
      g.setColor(colour(stroke.colour(), f, stroke.opacity()));
      g.setStroke(basic(stroke));
      g.draw(shape);
    }
  }

  private void drawSprite(Graphic graphic, Feature f, double x, double y) {
    Sprites.Sprite s = sprites.get(graphic, f, icons);
    if (s == null) {
      return;
    }
    int px = (int) Math.round(x - s.centre());
    int py = (int) Math.round(y - s.centre());
    // The symbol's inner part: a neighbour's circle touching a label's corner does not hide it.
    double w = s.image().getWidth();
    double h = s.image().getHeight();
    symbols.add(new Rectangle2D.Double(px + w * 0.15, py + h * 0.15, w * 0.7, h * 0.7), layer, feature);
    if (graphic.opacity() < 1) {
      Composite old = g.getComposite();
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) graphic.opacity()));
      g.drawImage(s.image(), px, py, null);
      g.setComposite(old);
    } else {
      g.drawImage(s.image(), px, py, null);
    }
  }

  /**
   * Places the collected labels, highest priority first (then in drawing order); a label that
   * would meet a placed one, or a symbol of its layer drawn above its own feature, is left out.
   */
  void placeLabels() {
    pending.sort(Comparator.comparingDouble(PendingLabel::priority).reversed().thenComparingInt(PendingLabel::order));
    for (PendingLabel l : pending) {
      Font font = Sprites.font(l.symbolizer().font());
      FontMetrics fm = g.getFontMetrics(font);
      double w = fm.stringWidth(l.text());
      double h = fm.getAscent() + fm.getDescent();
      double halo = l.symbolizer().halo() == null ? 0 : l.symbolizer().halo().radius();
      Rectangle2D box = new Rectangle2D.Double(l.x() - w / 2 - halo, l.y() - h / 2 - halo, w + 2 * halo, h + 2 * halo);
      // The cheap test first: on a crowded map most labels meet a placed one.
      if (!labels.fits(box) || symbols.coveredAbove(box, l.layer(), l.feature())) {
        continue;
      }
      labels.place(box);
      float tx = (float) (l.x() - w / 2);
      float ty = (float) (l.y() - h / 2 + fm.getAscent());
      if (halo > 0) {
        TextLayout layout = new TextLayout(l.text(), font, g.getFontRenderContext());
        Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(tx, ty));
        Fill hf = l.symbolizer().halo().fill();
        g.setColor(hf == null ? Color.WHITE : colour(hf.colour(), Feature.EMPTY, hf.opacity()));
        g.setStroke(new BasicStroke((float) (2 * halo), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(outline);
      }
      Fill fill = l.symbolizer().fill();
      g.setColor(colour(fill.colour(), Feature.EMPTY, fill.opacity()));
      g.setFont(font);
      g.drawString(l.text(), tx, ty);
    }
    pending.clear();
  }

  static BasicStroke basic(Stroke s) {
    return new BasicStroke((float) s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 4f, s.dashes(), 0f);
  }

  private static final Map<String, Color> COLOURS = new ConcurrentHashMap<>();

  /** A colour expression's value with an opacity; unknown or missing values are grey. */
  static Color colour(Expr e, Feature f, double opacity) {
    String v = e == null ? null : e.text(f);
    if (v != null && COLOURS.size() > 1024) {
      COLOURS.clear(); // only values from features and styles land here; bounded all the same
    }
    Color base = v == null ? Color.GRAY : COLOURS.computeIfAbsent(v, Painter::parse);
    if (opacity >= 1) {
      return base;
    }
    return new Color(base.getRed(), base.getGreen(), base.getBlue(), (int) Math.round(opacity * 255));
  }

  private static Color parse(String hex) {
    try {
      return new Color(Integer.parseInt(hex.substring(1), 16));
    } catch (RuntimeException e) {
      return Color.GRAY;
    }
  }
}
