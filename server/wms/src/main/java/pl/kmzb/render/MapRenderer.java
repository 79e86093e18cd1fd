package pl.kmzb.render;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.PublicPoints;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.icons.Icons;
import pl.kmzb.store.ReportStore;
import pl.kmzb.unit.PoliceUnit;

/**
 * Draws maps of the published layers with Java2D, antialiased: one instance, thread-safe, shared
 * by every request. Each layer kind has its drawer ({@link ThreatLayers}, {@link AreaLayers},
 * {@link PoliceLayers}); they share the map's {@link Painter}, so labels of all layers are placed
 * last and never cover each other. Public layers read only the cluster index (public positions,
 * never a scan of the store); the police layer reads the store, paged and capped.
 */
public final class MapRenderer {
  private final CrsRegistry crs;
  private final Sprites sprites = new Sprites();
  private final Icons icons;
  private final ThreatLayers threats;
  private final AreaLayers areas;
  private final PoliceLayers police;
  private final ScannedLayers scanned;
  private final RoadSegmentLayers roadSegments = new RoadSegmentLayers();
  private final CandidateSiteLayers candidateSites = new CandidateSiteLayers();
  private final HotspotLayers hotspots = new HotspotLayers();
  private final DensityLayers density = new DensityLayers();
  /** The map an indicator layer request shows (set by the WMS plugin from the shared indicator data). */
  private volatile java.util.function.Function<LayerRequest, pl.kmzb.indicator.IndicatorMap> indicatorMaps = l -> {
    throw new IllegalArgumentException("layer " + l.layer().id() + ": no indicator data on this server");
  };

  /**
   * @param boundaries the current boundary index (it is swapped when an import lands)
   * @param policeUnits the current police units
   */
  public MapRenderer(ClusterIndex index, PublicPoints points, ReportStore store, CategoryCatalog categories,
      CrsRegistry crs, Supplier<BoundaryIndex> boundaries, Supplier<List<PoliceUnit>> policeUnits, Icons icons,
      Clock clock) {
    this(index, points, store, categories, crs, boundaries, policeUnits, icons, clock, PoliceLayers.MAX_REPORTS,
        DEFAULT_MAX_SCAN_FEATURES);
  }

  /** Reports the police layer draws per map at most. */
  public static final int DEFAULT_POLICE_REPORTS = PoliceLayers.MAX_REPORTS;
  /** The default of {@code wms.max-scan-features}. */
  public static final int DEFAULT_MAX_SCAN_FEATURES = 20_000;

  /**
   * As above with caps on the reports one map draws from the store: {@code policeCap} for the police
   * layer, {@code maxScanFeatures} for a layer whose filter the cluster index cannot answer
   * ({@link StoreScan}, {@code wms.max-scan-features}).
   */
  public MapRenderer(ClusterIndex index, PublicPoints points, ReportStore store, CategoryCatalog categories,
      CrsRegistry crs, Supplier<BoundaryIndex> boundaries, Supplier<List<PoliceUnit>> policeUnits, Icons icons,
      Clock clock, int policeCap, int maxScanFeatures) {
    this(index, points, store, categories, crs, boundaries, policeUnits, icons, clock, policeCap, maxScanFeatures,
        ScannedLayers.DEFAULT_BUDGET_NANOS);
  }

  /** With a time budget for scanned layers other than the default (tests). */
  MapRenderer(ClusterIndex index, PublicPoints points, ReportStore store, CategoryCatalog categories,
      CrsRegistry crs, Supplier<BoundaryIndex> boundaries, Supplier<List<PoliceUnit>> policeUnits, Icons icons,
      Clock clock, int maxScanFeatures, long scanBudgetNanos) {
    this(index, points, store, categories, crs, boundaries, policeUnits, icons, clock, PoliceLayers.MAX_REPORTS,
        maxScanFeatures, scanBudgetNanos);
  }

  private MapRenderer(ClusterIndex index, PublicPoints points, ReportStore store, CategoryCatalog categories,
      CrsRegistry crs, Supplier<BoundaryIndex> boundaries, Supplier<List<PoliceUnit>> policeUnits, Icons icons,
      Clock clock, int policeCap, int maxScanFeatures, long scanBudgetNanos) {
    this.crs = crs;
    this.icons = icons;
    this.threats = new ThreatLayers(index, points, categories);
    this.areas = new AreaLayers(threats, boundaries);
    this.police = new PoliceLayers(store, categories, policeUnits, clock, policeCap);
    this.scanned = new ScannedLayers(store, categories, clock, maxScanFeatures, scanBudgetNanos);
  }

  /** As above with another cap on police reports per map (tests). */
  MapRenderer(ClusterIndex index, PublicPoints points, ReportStore store, CategoryCatalog categories,
      CrsRegistry crs, Supplier<BoundaryIndex> boundaries, Supplier<List<PoliceUnit>> policeUnits, Icons icons,
      Clock clock, int policeCap) {
    this(index, points, store, categories, crs, boundaries, policeUnits, icons, clock, policeCap,
        DEFAULT_MAX_SCAN_FEATURES);
  }

  /**
   * Draws and encodes maps off-line before the first client's (at start, once the index is loaded):
   * one small national map of each public layer (class loading, fonts, Java2D set-up, sprites, icons,
   * each layer's first counts per area), then one layer of each kind at 1024 × 1024 over Poland in
   * EPSG:2180 and EPSG:3857, three rounds, so the JIT has compiled the hot loops of gathering,
   * projecting, drawing and encoding, and then all of them in one map per CRS (the shared pass of a
   * group). Stops starting maps once {@code budgetNanos} have passed.
   *
   * @return the number of maps drawn
   */
  public int warm(List<LayerRequest> publicLayers, long budgetNanos) {
    long deadline = System.nanoTime() + budgetNanos;
    List<LayerRequest> drawable = new ArrayList<>();
    for (LayerRequest l : publicLayers) {
      // Analysis layers are left out: their first map computes the analysis (a scan of the reports),
      // which is the first request's cost, not every start's.
      pl.kmzb.layer.LayerKind kind = l.layer().kind();
      if (kind != pl.kmzb.layer.LayerKind.GROUP && kind != pl.kmzb.layer.LayerKind.ROAD_SEGMENTS
          && kind != pl.kmzb.layer.LayerKind.HOTSPOTS && kind != pl.kmzb.layer.LayerKind.DENSITY
          && kind != pl.kmzb.layer.LayerKind.CANDIDATE_SITES
          && l.caller().isEmpty()
          && l.layer().access() == pl.kmzb.layer.Access.PUBLIC) {
        drawable.add(l);
      }
    }
    pl.kmzb.crs.Bounds poland = new pl.kmzb.crs.Bounds(14, 49, 24.2, 54.9);
    int maps = 0;
    MapView small = view("EPSG:3857", poland, 256);
    for (LayerRequest l : drawable) {
      if (System.nanoTime() > deadline) {
        return maps;
      }
      BufferedImage img = render(small, List.of(l), Color.WHITE, true);
      ImageFormats.png24(img);
      ImageFormats.png8(img);
      ImageFormats.jpeg(img, 0.85f);
      maps++;
    }
    Map<pl.kmzb.layer.LayerKind, LayerRequest> oneOfEach = new LinkedHashMap<>();
    for (LayerRequest l : drawable) {
      oneOfEach.putIfAbsent(l.layer().kind(), l);
    }
    List<MapView> large = List.of(view("EPSG:2180", poland, 1024), view("EPSG:3857", poland, 1024));
    for (int round = 0; round < 3; round++) {
      for (MapView v : large) {
        for (LayerRequest l : oneOfEach.values()) {
          if (System.nanoTime() > deadline) {
            return maps;
          }
          BufferedImage img = render(v, List.of(l), Color.WHITE, true);
          ImageFormats.png24(img);
          ImageFormats.png8(img);
          maps++;
        }
      }
    }
    // Every public layer in one map, as the group {@code threats} draws them: the shared pass.
    for (MapView v : large) {
      if (System.nanoTime() > deadline) {
        return maps;
      }
      ImageFormats.png24(render(v, drawable, Color.WHITE, true));
      maps++;
    }
    return maps;
  }

  /**
   * Draws maps of several layers each off-line, after {@link #warm} (once the server is ready and the
   * analysis layers' first results are in, which {@code warm} cannot wait for): each at 1024 × 1024
   * over Poland in EPSG:2180 and EPSG:3857 and over a region and a city, two rounds, so a client's
   * first map of a group or an analysis layer finds its code compiled. At 5 M reports the first
   * {@code analytics} group map of a JVM took 275 ms, later ones 120-140 ms; the first regional
   * {@code threats} maps 180-220 ms, later ones about 100 ms.
   *
   * @return the number of maps drawn
   */
  public int warmMaps(List<List<LayerRequest>> maps, long budgetNanos) {
    long deadline = System.nanoTime() + budgetNanos;
    pl.kmzb.crs.Bounds poland = new pl.kmzb.crs.Bounds(14, 49, 24.2, 54.9);
    // Around Kraków: about 250 km and 50 km across, where a group draws many more symbols and labels.
    pl.kmzb.crs.Bounds region = new pl.kmzb.crs.Bounds(18.2, 49.0, 21.7, 51.2);
    pl.kmzb.crs.Bounds city = new pl.kmzb.crs.Bounds(19.6, 49.85, 20.3, 50.3);
    List<MapView> large = List.of(view("EPSG:2180", poland, 1024), view("EPSG:3857", poland, 1024),
        view("EPSG:3857", region, 1024), view("EPSG:2180", city, 1024));
    int drawn = 0;
    for (int round = 0; round < 2; round++) {
      for (MapView v : large) {
        for (List<LayerRequest> m : maps) {
          if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
            return drawn;
          }
          ImageFormats.png24(render(v, m, Color.WHITE, true));
          drawn++;
        }
      }
    }
    return drawn;
  }

  private MapView view(String code, pl.kmzb.crs.Bounds lonLat, int width) {
    pl.kmzb.crs.Crs c = crs.require(code);
    pl.kmzb.crs.Bounds b = crs.fromLonLat(c).apply(lonLat);
    int height = (int) Math.max(1, Math.round(width * b.height() / b.width()));
    return new MapView(b, c, width, height);
  }

  /**
   * Keeps the choropleth's counts per area current in the background (recomputed after the index
   * changes, debounced), so no map waits for them; closing the handle stops it.
   */
  public AutoCloseable keepAreaCountsCurrent() {
    return areas.areaCounts().keepCurrent();
  }

  /** Moves when kept-current counts per area were replaced: part of the image cache's data version. */
  /** Where indicator layers get their maps from: the shared indicator data, by request. */
  public void indicatorMaps(java.util.function.Function<LayerRequest, pl.kmzb.indicator.IndicatorMap> maps) {
    this.indicatorMaps = maps;
  }

  /** Where road-segment layers get their segments from: the server's one computation per data version. */
  public void roadSegments(Supplier<pl.kmzb.analytics.RoadSegmentLayer.Snapshot> segments) {
    roadSegments.source(segments);
  }

  /** Where candidate-site layers get their picks from: the server's one computation per data version. */
  public void candidateSites(Supplier<pl.kmzb.analytics.CandidateSiteLayer.Snapshot> sites) {
    candidateSites.source(sites);
  }

  /** Where hot-spot layers get their cells from: the server's one computation per data version. */
  public void hotspots(pl.kmzb.analytics.HotspotLayer source) {
    hotspots.source(source);
  }

  /** Where density layers get their surface from: the server's one computation per data version. */
  public void density(pl.kmzb.analytics.DensityLayer source) {
    density.source(source);
  }

  /** The map an indicator layer request shows (for its legend). */
  public pl.kmzb.indicator.IndicatorMap indicatorMap(LayerRequest l) {
    return indicatorMaps.apply(l);
  }

  public long areaCountsVersion() {
    return areas.areaCounts().version();
  }

  /** A map and the boxes of the labels placed on it. */
  public record Rendered(BufferedImage image, List<Rectangle2D> labels) {}

  /**
   * Draws {@code layers} in order (the first at the bottom) on {@code background}, or on a
   * transparent image when {@code transparent}.
   *
   * @throws AccessRefusedException for a police layer without a police caller
   */
  public BufferedImage render(MapView view, List<LayerRequest> layers, Color background, boolean transparent) {
    return renderWithLabels(view, layers, background, transparent).image();
  }

  public Rendered renderWithLabels(MapView view, List<LayerRequest> layers, Color background, boolean transparent) {
    return renderWithLabels(view, layers, background, transparent, true);
  }

  /**
   * As above; {@code shared} gathers the index layers whose filters differ only in their categories
   * in one read of the index ({@link ThreatLayers#prepare}), false gathers each layer on its own (the
   * tests hold the two to the same pixels).
   */
  Rendered renderWithLabels(MapView view, List<LayerRequest> layers, Color background, boolean transparent,
      boolean shared) {
    for (LayerRequest l : layers) {
      PoliceLayers.checkAccess(l);
    }
    BufferedImage img = new BufferedImage(view.width(), view.height(),
        transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      if (transparent) {
        g.setComposite(AlphaComposite.Clear);
        g.fillRect(0, 0, view.width(), view.height());
        g.setComposite(AlphaComposite.SrcOver);
      } else {
        g.setColor(background == null ? Color.WHITE : background);
        g.fillRect(0, 0, view.width(), view.height());
      }
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      ViewTransform vt = new ViewTransform(view, crs);
      LabelIndex labels = new LabelIndex(view.width(), view.height());
      Painter painter = new Painter(g, icons, sprites, labels);
      Map<Integer, List<ThreatPoint>> prepared = shared ? threats.prepare(vt, layers) : new java.util.HashMap<>();
      for (int i = 0; i < layers.size(); i++) {
        painter.nextLayer();
        // Removed as drawn: a layer's points are not held while the later layers draw.
        draw(g, painter, vt, layers.get(i), prepared.remove(i));
      }
      painter.placeLabels();
      return new Rendered(img, labels.placed());
    } finally {
      g.dispose();
    }
  }

  private void draw(Graphics2D g, Painter painter, ViewTransform vt, LayerRequest l, List<ThreatPoint> prepared) {
    double scale = vt.view().scaleDenominator();
    if (l.scan() != null) {
      requireScannable(l);
      boolean en = "en".equals(l.language());
      switch (scanned.draw(painter, vt, scale, l)) {
        case CAPPED -> notice(g, vt.view(), en
            ? "More than " + scanned.cap() + " reports match the filter here: zoom in or narrow the filter"
            : "Ponad " + scanned.cap() + " zgłoszeń spełnia filtr w tym widoku: przybliż mapę lub zawęź filtr");
        case OUT_OF_TIME -> notice(g, vt.view(), en
            ? "Drawing stopped after " + scanned.budgetSeconds() + " s: zoom in or narrow the filter"
            : "Rysowanie przerwane po " + scanned.budgetSeconds() + " s: przybliż mapę lub zawęź filtr");
        case COMPLETE -> { }
      }
      return;
    }
    switch (l.layer().kind()) {
      case THREAT_CLUSTERS, THREAT_POINTS, CATEGORY, CATEGORY_GROUP -> threats.draw(painter, vt, scale, l, prepared);
      case HEATMAP -> threats.heatmap(g, vt, l, prepared);
      case AREA_COUNTS -> areas.choropleth(painter, g, vt, scale, l);
      case BOUNDARIES -> areas.boundaries(painter, vt, scale, l);
      case POLICE_UNITS -> police.units(painter, vt, scale, l);
      case INDICATOR -> areas.indicator(painter, vt, scale, l, indicatorMaps.apply(l));
      case ROAD_SEGMENTS -> roadSegments.draw(painter, vt, scale, l);
      case HOTSPOTS -> hotspots.draw(painter, vt, scale, l);
      case DENSITY -> density.draw(g, vt, l);
      case CANDIDATE_SITES -> candidateSites.draw(painter, vt, scale, l);
      case POLICE_REPORTS -> {
        if (police.reports(painter, vt, scale, l)) {
          notice(g, vt.view(), "en".equals(l.language())
              ? "More than " + police.cap() + " reports here: zoom in or filter to see them all"
              : "Ponad " + police.cap() + " zgłoszeń w tym widoku: przybliż mapę lub zawęź filtr");
        }
      }
      case GROUP -> throw groupLayer(l);
    }
  }

  /** A line of text in the map's bottom-left corner, on a white band (the police layer's cap notice). */
  private static void notice(Graphics2D g, MapView view, String text) {
    java.awt.Font font = new java.awt.Font("SansSerif", java.awt.Font.BOLD, 12);
    java.awt.FontMetrics fm = g.getFontMetrics(font);
    int h = fm.getHeight() + 4;
    g.setColor(new Color(255, 255, 255, 220));
    g.fillRect(0, view.height() - h, Math.min(view.width(), fm.stringWidth(text) + 8), h);
    g.setColor(new Color(0xb00020));
    g.setFont(font);
    g.drawString(text, 4, view.height() - h + 2 + fm.getAscent());
  }

  /**
   * The features of {@code layer} under pixel (i, j) within {@code tolerancePx} (plus the drawn
   * symbol's radius for point symbols), nearest first, at most {@code max}; a heat map answers the
   * clusters that make its colour there.
   *
   * @throws AccessRefusedException for a police layer without a police caller
   */
  public List<FeatureHit> hits(MapView view, LayerRequest layer, int i, int j, int tolerancePx, int max) {
    PoliceLayers.checkAccess(layer);
    ViewTransform vt = new ViewTransform(view, crs);
    double scale = view.scaleDenominator();
    double x = i + 0.5;
    double y = j + 0.5;
    int limit = Math.max(0, max);
    if (layer.scan() != null) {
      requireScannable(layer);
      return scanned.hits(vt, layer, x, y, tolerancePx, limit);
    }
    return switch (layer.layer().kind()) {
      case THREAT_CLUSTERS, THREAT_POINTS, CATEGORY, CATEGORY_GROUP, HEATMAP ->
          threats.hits(vt, scale, layer, x, y, tolerancePx, limit);
      case AREA_COUNTS, BOUNDARIES -> areas.hits(vt, layer, x, y, limit);
      case POLICE_UNITS -> police.unitHits(vt, scale, layer, x, y, tolerancePx, limit);
      case POLICE_REPORTS -> police.reportHits(vt, scale, layer, x, y, tolerancePx, limit);
      case INDICATOR -> areas.indicatorHits(vt, layer, x, y, limit, indicatorMaps.apply(layer));
      case ROAD_SEGMENTS -> roadSegments.hits(vt, layer, x, y, tolerancePx, limit);
      case HOTSPOTS -> hotspots.hits(vt, layer, x, y, limit);
      case DENSITY -> density.hits(vt, layer, x, y, limit);
      case CANDIDATE_SITES -> candidateSites.hits(vt, layer, x, y, tolerancePx, limit);
      case GROUP -> throw groupLayer(layer);
    };
  }

  /** Only layers of single reports can be read from the store; clusters, heat map and counts come from the index. */
  private static void requireScannable(LayerRequest l) {
    switch (l.layer().kind()) {
      case THREAT_CLUSTERS, THREAT_POINTS, CATEGORY, CATEGORY_GROUP, POLICE_REPORTS -> { }
      default -> throw new IllegalArgumentException("layer " + l.layer().id() + " is drawn from the cluster index"
          + " only; a store scan draws single reports");
    }
  }

  /** A group layer has no drawing of its own: the protocol asks for its children (WMS 1.3.0 §7.2.4.6.3). */
  private static IllegalArgumentException groupLayer(LayerRequest l) {
    return new IllegalArgumentException("layer " + l.layer().id() + " is a group: draw its children");
  }

  /** Nearest first, at most {@code max}. */
  static <T> List<T> nearest(List<T> candidates, Comparator<T> byDistance, int max) {
    List<T> sorted = new ArrayList<>(candidates);
    sorted.sort(byDistance);
    return sorted.subList(0, Math.min(max, sorted.size()));
  }

  static Map<String, Object> properties(pl.kmzb.style.Feature f, String... names) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names) {
      Object v = f.property(n);
      if (v != null) {
        out.put(n, v);
      }
    }
    return out;
  }
}
