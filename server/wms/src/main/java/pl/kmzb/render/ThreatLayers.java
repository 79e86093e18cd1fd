package pl.kmzb.render;

import java.awt.AlphaComposite;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.IndexFilter;
import pl.kmzb.cluster.PublicPoints;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.LonLat;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Status;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.Symbolizer;

/**
 * The public threat layers: clusters (counts on circles), points (category icon in a
 * status-coloured circle, from the style), one category or group (the index filtered), and the
 * heat map (a kernel density of the clusters at the next finer zoom, coloured by the style's
 * colour map). Everything comes from the cluster index: public positions only.
 */
final class ThreatLayers {
  /** From this zoom (about 1:70,000) the points layers show single reports, not clusters. */
  static final int POINTS_FROM_ZOOM = 12;
  /** Zoom levels finer than the cluster zoom for the points layers: grid cells of ~4 px. */
  static final int POINTS_FINER = 3;
  /** Symbols farther than this outside the image cannot reach into it. */
  private static final double MARGIN = 64;
  /** Heat map density raster: one cell per 4 × 4 pixels, kernel radius 6 cells. */
  private static final int HEAT_CELL = 4;
  private static final int HEAT_RADIUS = 6;
  private static final float[] KERNEL = kernel(HEAT_RADIUS);
  private static final double KERNEL_SUM = sum(KERNEL);

  private final ClusterIndex index;
  private final PublicPoints points;
  private final CategoryCatalog catalog;
  private final List<Category> byIndex = new ArrayList<>();
  private final ThreatSource source;

  ThreatLayers(ClusterIndex index, PublicPoints points, CategoryCatalog catalog) {
    this.index = index;
    this.points = points;
    this.catalog = catalog;
    this.source = new ThreatSource(index);
    for (String code : points.categoryOrder()) {
      byIndex.add(catalog.find(code).orElseThrow());
    }
  }

  /**
   * The points of a map's index layers (by position in {@code layers}) whose passes can share one
   * read of the index: layers at the same zoom whose filters differ only in their categories (the
   * clusters, category groups and categories of the group {@code threats}, or any such list of
   * layers) are gathered together ({@link ThreatSource#gather(ViewTransform, List, int, List, String)}),
   * each exactly as {@link #draw} would gather it alone. A layer that shares its pass with none is
   * left out: it is gathered when drawn.
   */
  Map<Integer, List<ThreatPoint>> prepare(ViewTransform vt, List<LayerRequest> layers) {
    record Pass(int zoom, String language, IndexFilter filter, List<Integer> members, List<IndexFilter> filters) {}
    List<Pass> passes = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      LayerRequest l = layers.get(i);
      if (l.scan() != null || !fromIndex(l.layer().kind())) {
        continue;
      }
      IndexFilter f = filter(l);
      if (f == null) {
        continue;
      }
      int z = l.layer().kind() == LayerKind.HEATMAP ? source.zoomFor(vt, 1) : zoom(vt, l.layer().kind());
      Pass pass = null;
      for (Pass p : passes) {
        if (p.zoom == z && p.language.equals(l.language()) && p.filter.sameExceptCategories(f)) {
          pass = p;
          break;
        }
      }
      if (pass == null) {
        pass = new Pass(z, l.language(), f, new ArrayList<>(), new ArrayList<>());
        passes.add(pass);
      }
      pass.members.add(i);
      pass.filters.add(f);
    }
    Map<Integer, List<ThreatPoint>> out = new HashMap<>();
    for (Pass p : passes) {
      if (p.members.size() < 2) {
        continue;
      }
      List<List<ThreatPoint>> gathered = source.gather(vt, p.filters, p.zoom, byIndex, p.language);
      for (int k = 0; k < p.members.size(); k++) {
        out.put(p.members.get(k), inView(vt, gathered.get(k)));
      }
    }
    return out;
  }

  private static boolean fromIndex(LayerKind kind) {
    return switch (kind) {
      case THREAT_CLUSTERS, THREAT_POINTS, CATEGORY, CATEGORY_GROUP, HEATMAP -> true;
      default -> false;
    };
  }

  void draw(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    draw(painter, vt, scale, l, null);
  }

  /** Draws {@code l}; {@code prepared} is its points from {@link #prepare}, or null to gather them here. */
  void draw(Painter painter, ViewTransform vt, double scale, LayerRequest l, List<ThreatPoint> prepared) {
    List<ThreatPoint> pts = prepared != null ? prepared : visible(vt, l, zoom(vt, l.layer().kind()));
    pts.sort(Comparator.comparingInt((ThreatPoint p) -> p.f.count()).thenComparingLong(p -> p.f.id()));
    for (ThreatPoint p : pts) {
      painter.point(l.style(), scale, p, p.x, p.y, p.f.count());
    }
  }

  List<FeatureHit> hits(ViewTransform vt, double scale, LayerRequest l, double x, double y, int tolerance, int max) {
    LayerKind kind = l.layer().kind();
    int z = kind == LayerKind.HEATMAP ? source.zoomFor(vt, 1) : zoom(vt, kind);
    double reach = kind == LayerKind.HEATMAP ? HEAT_RADIUS * HEAT_CELL : 0;
    List<ThreatPoint> near = new ArrayList<>();
    for (ThreatPoint p : visible(vt, l, z)) {
      double r = tolerance + reach + (kind == LayerKind.HEATMAP ? 0 : radius(l.style(), scale, p));
      if (Math.hypot(p.x - x, p.y - y) <= r) {
        near.add(p);
      }
    }
    List<FeatureHit> out = new ArrayList<>();
    for (ThreatPoint p : MapRenderer.nearest(near, Comparator.comparingDouble(p -> Math.hypot(p.x - x, p.y - y)), max)) {
      out.add(hit(l.layer(), p));
    }
    return out;
  }

  private FeatureHit hit(PublishedLayer layer, ThreatPoint p) {
    Map<String, Integer> byCategory = new LinkedHashMap<>();
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    if (p.f.isCluster()) {
      for (int i = 0; i < p.f.categories().length; i++) {
        if (p.f.categories()[i] > 0) {
          byCategory.put(byIndex.get(i).code(), p.f.categories()[i]);
        }
      }
      for (int i = 0; i < p.f.statuses().length; i++) {
        if (p.f.statuses()[i] > 0) {
          byStatus.put(Status.values()[i].code(), p.f.statuses()[i]);
        }
      }
    }
    String id = p.f.isCluster() ? "cluster." + Long.toHexString(p.f.id()) : Long.toString(p.f.id());
    Map<String, Object> props = MapRenderer.properties(p, "count", "cluster", "id", "category", "category_name",
        "group", "status");
    return new FeatureHit(layer.id(), id, props, new LonLat(p.lon, p.lat), byCategory, byStatus);
  }

  /** Half the largest point symbol the style draws for {@code p}. */
  private static double radius(Style style, double scale, ThreatPoint p) {
    double size = 0;
    for (Rule r : style.rules()) {
      if (r.appliesAtScale(scale) && (r.elseFilter() || r.filter().test(p))) {
        for (Symbolizer s : r.symbolizers()) {
          if (s instanceof Symbolizer.PointSymbolizer ps) {
            size = Math.max(size, ps.graphic().size());
          }
        }
      }
    }
    return size / 2;
  }

  void heatmap(Graphics2D g, ViewTransform vt, LayerRequest l) {
    heatmap(g, vt, l, null);
  }

  /** The heat map of {@code l}; {@code prepared} is its points from {@link #prepare}, or null. */
  void heatmap(Graphics2D g, ViewTransform vt, LayerRequest l, List<ThreatPoint> prepared) {
    Symbolizer.RasterSymbolizer map = l.style().colorMap().orElse(null);
    if (map == null) {
      return;
    }
    MapView v = vt.view();
    List<ThreatPoint> pts = prepared != null ? prepared : visible(vt, l, source.zoomFor(vt, 1));
    // Cell i is centred on pixel (i - 1) * HEAT_CELL: one cell of margin on every side, so the
    // bilinear scaling at an edge blends real neighbours, as the next tile's map has them.
    int gw = v.width() / HEAT_CELL + 3;
    int gh = v.height() / HEAT_CELL + 3;
    float[] density = new float[gw * gh];
    int side = 2 * HEAT_RADIUS + 1;
    for (ThreatPoint p : pts) {
      int cx = (int) Math.round(p.x / HEAT_CELL) + 1;
      int cy = (int) Math.round(p.y / HEAT_CELL) + 1;
      for (int dy = -HEAT_RADIUS; dy <= HEAT_RADIUS; dy++) {
        int yy = cy + dy;
        if (yy < 0 || yy >= gh) {
          continue;
        }
        for (int dx = -HEAT_RADIUS; dx <= HEAT_RADIUS; dx++) {
          int xx = cx + dx;
          if (xx >= 0 && xx < gw) {
            density[yy * gw + xx] += p.f.count() * KERNEL[(dy + HEAT_RADIUS) * side + dx + HEAT_RADIUS];
          }
        }
      }
    }
    // Reports per km² (the kernel spreads each count over its cells), on a logarithmic scale: the
    // value depends on the data and the scale only, never on the view's extent, so tiles of one
    // zoom meet without seams and a panned map keeps its colours.
    double perKm2 = 1 / (KERNEL_SUM * HEAT_CELL * HEAT_CELL * groundPixelKm2(vt));
    List<Symbolizer.ColorMapEntry> entries = map.entries();
    double lo = entries.get(0).quantity();
    double hi = entries.get(entries.size() - 1).quantity();
    double step = hi > lo ? 255 / (hi - lo) : 0;
    IndexColorModel cm = new IndexColorModel(8, 256, ColorMaps.table(map, lo, hi), 0, true, -1,
        java.awt.image.DataBuffer.TYPE_BYTE);
    BufferedImage raster = new BufferedImage(gw, gh, BufferedImage.TYPE_BYTE_INDEXED, cm);
    byte[] bytes = ((DataBufferByte) raster.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < density.length; i++) {
      double value = Math.log10(1 + density[i] * perKm2);
      bytes[i] = (byte) (int) Math.max(0, Math.min(255, Math.round((value - lo) * step)));
    }
    Composite old = g.getComposite();
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) map.opacity()));
    int x0 = -HEAT_CELL - HEAT_CELL / 2;
    g.drawImage(raster, x0, x0, x0 + gw * HEAT_CELL, x0 + gh * HEAT_CELL, 0, 0, gw, gh, null);
    g.setComposite(old);
  }

  private int zoom(ViewTransform vt, LayerKind kind) {
    int z = source.zoomFor(vt, 0);
    boolean pointsLayer = kind != LayerKind.THREAT_CLUSTERS;
    return pointsLayer && z >= POINTS_FROM_ZOOM ? source.zoomFor(vt, POINTS_FINER) : z;
  }

  /** The layer's clusters at {@code zoom} with pixel positions, those far outside the image left out. */
  private List<ThreatPoint> visible(ViewTransform vt, LayerRequest l, int zoom) {
    IndexFilter filter = filter(l);
    if (filter == null) {
      return new ArrayList<>();
    }
    return inView(vt, source.gather(vt, filter, zoom, byIndex, l.language()));
  }

  /** {@code pts} with pixel positions, those far outside the image left out. */
  private static List<ThreatPoint> inView(ViewTransform vt, List<ThreatPoint> pts) {
    ThreatSource.project(vt, pts);
    MapView v = vt.view();
    List<ThreatPoint> out = new ArrayList<>(pts.size());
    for (ThreatPoint p : pts) {
      if (p.x >= -MARGIN && p.y >= -MARGIN && p.x <= v.width() + MARGIN && p.y <= v.height() + MARGIN) {
        out.add(p);
      }
    }
    return out;
  }

  /** The request's public filter narrowed to the layer's category or group; null when that leaves nothing. */
  IndexFilter filter(LayerRequest l) {
    ReportFilter f = l.filter() == null ? points.policy().parse(Map.of()) : l.filter();
    if (f.visibility() != Visibility.PUBLIC) {
      throw new IllegalArgumentException("the public threat layers take a public filter (VisibilityPolicy.parse)");
    }
    PublishedLayer layer = l.layer();
    Set<String> only = switch (layer.kind()) {
      case CATEGORY -> Set.of(layer.parameter());
      case CATEGORY_GROUP -> groupCategories(layer.parameter());
      default -> null;
    };
    if (only != null) {
      Set<String> cats = new HashSet<>(only);
      if (!f.categories().isEmpty()) {
        cats.retainAll(f.categories());
      }
      if (cats.isEmpty()) {
        return null;
      }
      f = new ReportFilter(cats, f.statuses(), f.sources(), f.from(), f.to(), f.areas(), f.bbox(), f.visibility(),
          f.hiddenUnlessConfirmed());
    }
    return IndexFilter.compile(f, points.categoryOrder(), points.matrixSet());
  }

  private Set<String> groupCategories(String group) {
    Set<String> out = new HashSet<>();
    for (Category c : catalog.all()) {
      if (c.group().equals(group)) {
        out.add(c.code());
      }
    }
    return out;
  }

  ClusterIndex index() {
    return index;
  }

  /** The ground area of one pixel at the view's centre, in km² (WGS 84 sphere of the mean radius). */
  static double groundPixelKm2(ViewTransform vt) {
    MapView v = vt.view();
    LonLat a = vt.lonLatOf(v.width() / 2.0, v.height() / 2.0);
    LonLat b = vt.lonLatOf(v.width() / 2.0 + 1, v.height() / 2.0 + 1);
    double kmPerDegree = 6371.0088 * Math.PI / 180;
    double dx = (b.lon() - a.lon()) * kmPerDegree * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
    double dy = (b.lat() - a.lat()) * kmPerDegree;
    return Math.max(1e-12, Math.abs(dx * dy));
  }

  private static double sum(float[] values) {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  private static float[] kernel(int r) {
    int side = 2 * r + 1;
    float[] k = new float[side * side];
    // The quartic (biweight) kernel: smooth, and exactly zero at its radius, so no edge shows.
    for (int y = -r; y <= r; y++) {
      for (int x = -r; x <= r; x++) {
        double u = (x * x + y * y) / (double) ((r + 1) * (r + 1));
        k[(y + r) * side + x + r] = u >= 1 ? 0 : (float) ((1 - u) * (1 - u));
      }
    }
    return k;
  }
}
