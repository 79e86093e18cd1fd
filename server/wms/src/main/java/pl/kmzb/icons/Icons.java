package pl.kmzb.icons;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;

/**
 * The category icons: Maki SVGs (fetched from the npm registry at build time, see
 * server/wms/pom.xml) parsed once with jsvg into outlines, and rasterised per (icon, size, colour)
 * the first time a map needs them; the rasters are kept, so a map draws each marker glyph as one
 * image copy. The set of rasters is bounded by the icons × the sizes and colours styles use.
 */
public final class Icons {
  /** Where the build puts Maki's {@code icons/*.svg}. */
  static final String RESOURCE_DIR = "/maki/";
  /** Maki icons are drawn on a 15 × 15 grid. */
  private static final double GRID = 15;
  private static final int MAX_RASTERS = 4096;

  private final Map<String, Shape> shapes;
  private final Map<GlyphKey, BufferedImage> rasters = new ConcurrentHashMap<>();

  private record GlyphKey(String name, int size, int rgb) {}

  private Icons(Map<String, Shape> shapes) {
    this.shapes = shapes;
  }

  /** The icons of every category of the catalogue and {@code extra}; throws naming each missing icon. */
  public static Icons load(CategoryCatalog catalog, Collection<String> extra) {
    List<String> names = new ArrayList<>(extra);
    catalog.all().stream().map(Category::icon).forEach(names::add);
    Map<String, Shape> shapes = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      Shape s = shapes.containsKey(name) ? shapes.get(name) : read(name);
      if (s == null) {
        missing.add(name);
      } else {
        shapes.put(name, s);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Maki icons not found in the bundled @mapbox/maki package: " + missing);
    }
    return new Icons(Map.copyOf(shapes));
  }

  /** Whether the bundled Maki package has an icon of this name. */
  public static boolean exists(String name) {
    return name.matches("[a-z0-9-]+") && Icons.class.getResource(RESOURCE_DIR + name + ".svg") != null;
  }

  public boolean has(String name) {
    return shapes.containsKey(name);
  }

  /** The icon's outline scaled to fit a {@code size} × {@code size} square at the origin. */
  public Shape outline(String name, double size) {
    Shape s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("icon '" + name + "' was not loaded");
    }
    return AffineTransform.getScaleInstance(size / GRID, size / GRID).createTransformedShape(s);
  }

  /** The icon as an ARGB raster of {@code size} px in {@code colour}, antialiased; cached. */
  public BufferedImage glyph(String name, int size, Color colour) {
    GlyphKey key = new GlyphKey(name, size, colour.getRGB());
    BufferedImage cached = rasters.get(key);
    if (cached != null) {
      return cached;
    }
    if (rasters.size() >= MAX_RASTERS) {
      rasters.clear(); // only reached if styles ask for ever new sizes or colours: start over, stay bounded
    }
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(colour);
    g.fill(outline(name, size));
    g.dispose();
    rasters.put(key, img);
    return img;
  }

  private static Shape read(String name) {
    if (!exists(name)) {
      return null;
    }
    try (InputStream in = Icons.class.getResourceAsStream(RESOURCE_DIR + name + ".svg")) {
      SVGDocument doc = new SVGLoader().load(in);
      if (doc == null) {
        throw new IllegalStateException("icon " + name + ": jsvg could not read it");
      }
      Shape shape = doc.computeShape();
      Rectangle2D b = shape.getBounds2D();
      if (b.isEmpty()) {
        throw new IllegalStateException("icon " + name + ": empty outline");
      }
      return shape;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
