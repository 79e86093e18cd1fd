package pl.kmzb.render;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.crs.Bounds;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;
import pl.kmzb.layer.Access;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.report.Report;
import pl.kmzb.store.Page;
import pl.kmzb.store.ReportStore;
import pl.kmzb.unit.PoliceUnit;

/**
 * The police units (public) and the police layer: reports at their exact positions, every status,
 * read from the store for the view's extent in pages of {@link #PAGE} and at most
 * {@link #MAX_REPORTS} per map, so a request's memory stays bounded whatever the table holds; a map
 * that reaches the cap says so in its corner, so nobody takes a cut map for the whole picture. The
 * police layer is drawn only for a police caller: the protocol checks first, and this class refuses
 * again ({@link AccessRefusedException}).
 */
final class PoliceLayers {
  static final int PAGE = 2_000;
  static final int MAX_REPORTS = 20_000;

  private final ReportStore store;
  private final CategoryCatalog categories;
  private final Supplier<List<PoliceUnit>> units;
  private final Clock clock;
  private final int cap;

  PoliceLayers(ReportStore store, CategoryCatalog categories, Supplier<List<PoliceUnit>> units, Clock clock, int cap) {
    this.cap = cap;
    this.store = store;
    this.categories = categories;
    this.units = units;
    this.clock = clock;
  }

  int cap() {
    return cap;
  }

  /** Refuses a police-only layer (or the exact-position kind) without a police caller. */
  static void checkAccess(LayerRequest l) {
    boolean exact = l.layer().kind() == LayerKind.POLICE_REPORTS || l.layer().access() == Access.POLICE;
    if (exact && l.caller().isEmpty()) {
      throw new AccessRefusedException("layer " + l.layer().id() + " is for police users only");
    }
  }

  void units(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    List<PoliceUnit> all = units.get();
    double[] xy = positions(all);
    vt.toPixels(xy, all.size());
    for (int i = 0; i < all.size(); i++) {
      painter.point(l.style(), scale, new UnitFeature(all.get(i)), xy[2 * i], xy[2 * i + 1],
          5 - all.get(i).type().ordinal());
    }
  }

  List<FeatureHit> unitHits(ViewTransform vt, double scale, LayerRequest l, double x, double y, int tolerance,
      int max) {
    List<PoliceUnit> all = units.get();
    double[] xy = positions(all);
    vt.toPixels(xy, all.size());
    List<Integer> near = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (Math.hypot(xy[2 * i] - x, xy[2 * i + 1] - y) <= tolerance + 8) {
        near.add(i);
      }
    }
    List<FeatureHit> out = new ArrayList<>();
    for (int i : MapRenderer.nearest(near, Comparator.comparingDouble(k -> Math.hypot(xy[2 * k] - x,
        xy[2 * k + 1] - y)), max)) {
      UnitFeature f = new UnitFeature(all.get(i));
      out.add(new FeatureHit(l.layer().id(), all.get(i).code(), MapRenderer.properties(f, "code", "name", "type"),
          all.get(i).location(), Map.of(), Map.of()));
    }
    return out;
  }

  /** Draws the reports of the view; answers whether the cap cut the map short. */
  boolean reports(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    return timed(l, () -> reportsWithin(painter, vt, scale, l));
  }

  /**
   * Runs a read of the police layer with every statement bounded by {@link #BUDGET} (the database
   * cancels it): a slow page never holds a render slot longer.
   */
  private <T> T timed(LayerRequest l, java.util.function.Supplier<T> read) {
    try {
      return store.withStatementTimeout(BUDGET, read);
    } catch (pl.kmzb.store.StatementTimeoutException e) {
      throw new ScanTimeoutException(l.layer().id(), BUDGET.toSeconds(), e);
    }
  }

  /** How long the reads of one police map may take in the database. */
  static final java.time.Duration BUDGET = java.time.Duration.ofNanos(ScannedLayers.DEFAULT_BUDGET_NANOS);

  private boolean reportsWithin(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    ReportFilter f = filter(l, vt.lonLatBounds());
    if (f == null) {
      return false;
    }
    Instant now = clock.instant();
    long after = 0;
    int drawn = 0;
    while (drawn < cap) {
      Page<Report> page = store.list(f, after, Math.min(PAGE, cap - drawn));
      List<Report> items = page.items();
      double[] xy = new double[items.size() * 2];
      for (int i = 0; i < items.size(); i++) {
        xy[2 * i] = items.get(i).location().lon();
        xy[2 * i + 1] = items.get(i).location().lat();
      }
      vt.toPixels(xy, items.size());
      for (int i = 0; i < items.size(); i++) {
        Report r = items.get(i);
        painter.point(l.style(), scale, new ReportFeature(r, categories.find(r.category()).orElse(null),
            l.language(), now), xy[2 * i], xy[2 * i + 1], 0);
      }
      drawn += items.size();
      if (page.nextAfterId() == null || items.isEmpty()) {
        return false;
      }
      after = page.nextAfterId();
    }
    return store.list(f, after, 1).items().size() > 0;
  }

  List<FeatureHit> reportHits(ViewTransform vt, double scale, LayerRequest l, double x, double y, int tolerance,
      int max) {
    double reach = tolerance + 10;
    LonLat a = vt.lonLatOf(x - reach, y - reach);
    LonLat b = vt.lonLatOf(x + reach, y + reach);
    Bounds box = new Bounds(Math.min(a.lon(), b.lon()), Math.min(a.lat(), b.lat()), Math.max(a.lon(), b.lon()),
        Math.max(a.lat(), b.lat()));
    ReportFilter f = filter(l, box);
    List<Report> found = f == null ? List.of() : timed(l, () -> store.list(f, 0, PAGE).items());
    double[] xy = new double[found.size() * 2];
    for (int i = 0; i < found.size(); i++) {
      xy[2 * i] = found.get(i).location().lon();
      xy[2 * i + 1] = found.get(i).location().lat();
    }
    vt.toPixels(xy, found.size());
    List<Integer> near = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      if (Math.hypot(xy[2 * i] - x, xy[2 * i + 1] - y) <= reach) {
        near.add(i);
      }
    }
    Instant now = clock.instant();
    List<FeatureHit> out = new ArrayList<>();
    for (int i : MapRenderer.nearest(near, Comparator.comparingDouble(k -> Math.hypot(xy[2 * k] - x,
        xy[2 * k + 1] - y)), max)) {
      Report r = found.get(i);
      ReportFeature rf = new ReportFeature(r, categories.find(r.category()).orElse(null), l.language(), now);
      out.add(new FeatureHit(l.layer().id(), Long.toString(r.id()), MapRenderer.properties(rf, "id", "category",
          "category_name", "status", "source", "past_deadline"), r.location(), Map.of(), Map.of()));
    }
    return out;
  }

  /** The caller's internal filter, or everything, limited to {@code extent}; null when nothing can match. */
  private static ReportFilter filter(LayerRequest l, Bounds extent) {
    ReportFilter f = l.filter() == null ? ReportFilter.ALL_INTERNAL : l.filter();
    if (f.visibility() != Visibility.INTERNAL) {
      throw new IllegalArgumentException("the police layer takes an internal filter (FilterParser)");
    }
    Envelope view = extent.toEnvelope();
    Envelope box = view;
    if (f.bbox() != null) {
      Envelope asked = f.bbox();
      double minLon = Math.max(asked.minLon(), view.minLon());
      double minLat = Math.max(asked.minLat(), view.minLat());
      double maxLon = Math.min(asked.maxLon(), view.maxLon());
      double maxLat = Math.min(asked.maxLat(), view.maxLat());
      if (minLon > maxLon || minLat > maxLat) {
        return null; // the asked bbox lies outside the view: nothing to draw
      }
      box = new Envelope(minLon, minLat, maxLon, maxLat);
    }
    return f.withBbox(box);
  }

  private static double[] positions(List<PoliceUnit> all) {
    double[] xy = new double[all.size() * 2];
    for (int i = 0; i < all.size(); i++) {
      xy[2 * i] = all.get(i).location().lon();
      xy[2 * i + 1] = all.get(i).location().lat();
    }
    return xy;
  }
}
