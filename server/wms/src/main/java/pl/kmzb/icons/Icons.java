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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;

/**
 * The category icons: Maki SVGs (fetched from the npm registry at build time, see
 * server/wms/pom.xml), checked to exist at start, parsed with jsvg into outlines the first time a
 * map or legend needs them (the WMS warm-up's thread, when {@code wms.warm-up} is on; else the first
 * client's map: parsing the first one loads jsvg and Java 2D, 0.7 s of a restart's main thread when
 * it was done at start; every bundled icon parsing to an outline is checked by the build's tests),
 * and rasterised per (icon, size, colour); the rasters are kept, so a map draws each marker glyph as
 * one image copy. The set of rasters is bounded by the icons × the sizes and colours styles use.
 */
public final class Icons {
  /** Where the build puts Maki's {@code icons/*.svg}. */
  static final String RESOURCE_DIR = "/maki/";
  /** Maki icons are drawn on a 15 × 15 grid. */
  private static final double GRID = 15;
  private static final int MAX_RASTERS = 4096;

  /** The icons this server draws: every one exists in the bundled package. */
  private final Set<String> names;
  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<GlyphKey, BufferedImage> rasters = new ConcurrentHashMap<>();

  private record GlyphKey(String name, int size, int rgb) {}

  private Icons(Set<String> names) {
    this.names = names;
  }

  /** The icons of every category of the catalogue and {@code extra}; throws naming each missing icon. */
  public static Icons load(CategoryCatalog catalog, Collection<String> extra) {
    Set<String> names = new TreeSet<>(extra);
    catalog.all().stream().map(Category::icon).forEach(names::add);
    List<String> missing = names.stream().filter(n -> !exists(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Maki icons not found in the bundled @mapbox/maki package: " + missing);
    }
    return new Icons(Set.copyOf(names));
  }

  /** Whether the bundled Maki package has an icon of this name. */
  public static boolean exists(String name) {
    return name.matches("[a-z0-9-]+") && Icons.class.getResource(RESOURCE_DIR + name + ".svg") != null;
  }

  public boolean has(String name) {
    return names.contains(name);
  }

  /** The icon's outline scaled to fit a {@code size} × {@code size} square at the origin. */
  public Shape outline(String name, double size) {
    if (!names.contains(name)) {
      throw new IllegalArgumentException("icon '" + name + "' was not loaded");
    }
    Shape s = shapes.computeIfAbsent(name, Icons::read);
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

  /** The bundled icon's outline on Maki's grid; throws if jsvg cannot read it or it is empty. */
  static Shape read(String name) {
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
