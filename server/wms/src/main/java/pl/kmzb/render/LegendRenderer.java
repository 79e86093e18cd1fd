package pl.kmzb.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.icons.Icons;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.style.Feature;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.Symbolizer;

/**
 * Legends (GetLegendGraphic): one row per rule with its symbol and its title in the asked
 * language; a style that draws the category icon ({@code icon:{category}}) gets one row per
 * category the layer shows, with that category's icon and name from the catalogue; a colour map
 * gets a row per entry. With a rule name, only that rule's symbol. {@code w} × {@code h} is the size
 * of one symbol box (SLD-WMS's WIDTH/HEIGHT); the image grows to hold the rows and their titles.
 */
public final class LegendRenderer {
  private static final Font FONT = new Font("SansSerif", Font.PLAIN, 12);
  private static final int GAP = 4;
  private static final Color NEUTRAL = new Color(0x6b6b6b);

  private final Icons icons;
  private final CategoryCatalog categories;
  private final Sprites sprites = new Sprites();

  public LegendRenderer(Icons icons, CategoryCatalog categories) {
    this.icons = icons;
    this.categories = categories;
  }

  private record Row(String text, BiConsumer<Graphics2D, Rectangle2D> symbol) {}

  /**
   * @param ruleOrNull a rule name of the style, or null for the whole legend
   * @throws IllegalArgumentException when the style has no rule of that name
   */
  public BufferedImage legend(PublishedLayer layer, Style style, String ruleOrNull, String language, int w, int h) {
    int bw = Math.max(8, Math.min(w <= 0 ? 20 : w, 512));
    int bh = Math.max(8, Math.min(h <= 0 ? 20 : h, 512));
    if (ruleOrNull != null) {
      Rule r = style.rule(ruleOrNull).orElseThrow(() -> new IllegalArgumentException("style " + style.name()
          + " has no rule '" + ruleOrNull + "'"));
      BufferedImage img = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = graphics(img);
      drawRule(g, r, new Rectangle2D.Double(0, 0, bw, bh), Feature.EMPTY);
      g.dispose();
      return img;
    }
    List<Row> rows = rows(layer, style, language);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(FONT);
    int textWidth = 0;
    for (Row row : rows) {
      textWidth = Math.max(textWidth, fm.stringWidth(row.text()));
    }
    pg.dispose();
    int width = Math.min(2048, bw + GAP * 3 + textWidth);
    int rowHeight = Math.max(bh, fm.getHeight()) + GAP;
    int height = Math.min(4096, Math.max(1, rows.size()) * rowHeight + GAP);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    g.setFont(FONT);
    for (int i = 0; i < rows.size(); i++) {
      double top = GAP + i * rowHeight;
      rows.get(i).symbol().accept(g, new Rectangle2D.Double(GAP, top + (rowHeight - GAP - bh) / 2.0, bw, bh));
      g.setColor(Color.BLACK);
      g.drawString(rows.get(i).text(), GAP * 2 + bw, (float) (top + (rowHeight - GAP) / 2.0 + fm.getAscent() / 2.0 - 1));
    }
    g.dispose();
    return img;
  }

  private List<Row> rows(PublishedLayer layer, Style style, String language) {
    List<Row> rows = new ArrayList<>();
    boolean categoryIcons = false;
    for (Rule r : style.rules()) {
      Symbolizer.RasterSymbolizer map = null;
      for (Symbolizer s : r.symbolizers()) {
        if (s instanceof Symbolizer.RasterSymbolizer rs) {
          map = rs;
        }
        if (s instanceof Symbolizer.PointSymbolizer p && p.graphic().element() instanceof Symbolizer.ExternalGraphic e
            && e.fixedIcon() == null) {
          categoryIcons = true;
        }
      }
      if (map != null) {
        boolean labelled = map.entries().stream().anyMatch(e -> e.label() != null);
        for (Symbolizer.ColorMapEntry e : map.entries()) {
          if (labelled && e.label() == null) {
            continue; // a labelled colour map shows its labelled steps only
          }
          Color c = ColorMaps.of(e.colour(), e.opacity());
          String label = e.label() != null ? inLanguage(e.label(), language) : format(e.quantity());
          rows.add(new Row(label, (g, box) -> {
            g.setColor(c == null ? Color.WHITE : c);
            g.fill(box);
          }));
        }
      } else if (r.title() != null && r.title().in(language) != null) {
        rows.add(new Row(r.title().in(language), (g, box) -> drawRule(g, r, box, Feature.EMPTY)));
      }
    }
    if (categoryIcons) {
      for (Category c : shownCategories(layer)) {
        String name = "en".equals(language) ? c.nameEn() : c.namePl();
        rows.add(new Row(name, (g, box) -> {
          double d = Math.min(box.getWidth(), box.getHeight());
          g.setColor(NEUTRAL);
          g.fill(new java.awt.geom.Ellipse2D.Double(box.getCenterX() - d / 2, box.getCenterY() - d / 2, d, d));
          int px = (int) Math.round(d * 0.6);
          g.drawImage(icons.glyph(c.icon(), px, Color.WHITE), (int) Math.round(box.getCenterX() - px / 2.0),
              (int) Math.round(box.getCenterY() - px / 2.0), null);
        }));
      }
    }
    return rows;
  }

  private List<Category> shownCategories(PublishedLayer layer) {
    List<Category> out = new ArrayList<>();
    for (Category c : categories.all()) {
      boolean shown = layer.kind() == LayerKind.CATEGORY ? c.code().equals(layer.parameter())
          : layer.kind() != LayerKind.CATEGORY_GROUP || c.group().equals(layer.parameter());
      if (shown) {
        out.add(c);
      }
    }
    return out;
  }

  /** A rule's symbolizers fitted into {@code box}: marks scaled down to fit, lines across, polygons as the box. */
  private void drawRule(Graphics2D g, Rule r, Rectangle2D box, Feature f) {
    for (Symbolizer s : r.symbolizers()) {
      if (s instanceof Symbolizer.PointSymbolizer p) {
        Sprites.Sprite sprite = sprites.get(p.graphic(), f, icons);
        if (sprite == null) {
          continue;
        }
        BufferedImage img = sprite.image();
        double scale = Math.min(1, Math.min(box.getWidth() / img.getWidth(), box.getHeight() / img.getHeight()));
        int dw = (int) Math.round(img.getWidth() * scale);
        int dh = (int) Math.round(img.getHeight() * scale);
        g.drawImage(img, (int) Math.round(box.getCenterX() - dw / 2.0), (int) Math.round(box.getCenterY() - dh / 2.0),
            dw, dh, null);
      } else if (s instanceof Symbolizer.LineSymbolizer l) {
        Painter.strokeShapeOn(g, l.stroke(), f, new Line2D.Double(box.getMinX() + 1, box.getCenterY(),
            box.getMaxX() - 1, box.getCenterY()));
      } else if (s instanceof Symbolizer.PolygonSymbolizer p) {
        Rectangle2D inner = new Rectangle2D.Double(box.getMinX() + 1, box.getMinY() + 1, box.getWidth() - 2,
            box.getHeight() - 2);
        if (p.fill() != null) {
          g.setColor(Painter.colour(p.fill().colour(), f, p.fill().opacity()));
          g.fill(inner);
        }
        Painter.strokeShapeOn(g, p.stroke(), f, inner);
      }
    }
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    return g;
  }

  /** A colour map label in the asked language: {@code Polski | English}, as rule titles. */
  private static String inLanguage(String label, String language) {
    int bar = label.indexOf('|');
    if (bar < 0) {
      return label;
    }
    return ("en".equals(language) ? label.substring(bar + 1) : label.substring(0, bar)).strip();
  }

  private static String format(double q) {
    return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
  }
}
