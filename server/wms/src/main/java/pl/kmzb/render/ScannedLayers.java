package pl.kmzb.render;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.crs.Bounds;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.LonLat;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.report.Report;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.store.FeatureQuery;
import pl.kmzb.store.Page;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StatementTimeoutException;
import pl.kmzb.style.Feature;
import pl.kmzb.visibility.PublicReport;

/**
 * Report layers whose CQL_FILTER the cluster index cannot answer ({@link StoreScan}), drawn as single
 * reports read from the store: the request's filter, the filter's expression, the layer's category or
 * group and the view's extent in one query ({@code ReportStore.list(Expr, …)}, exact SQL where it can
 * be, judged in the layer's view), through one cursor ({@link FeatureQueries#stream}) drawn in batches
 * of {@link #PAGE}, at most {@code cap} per map, so memory and
 * time stay bounded whatever the table holds. A map that reaches the cap says so in its corner (as the
 * police layer does). Clusters come only from the index: a scanned layer shows points.
 */
final class ScannedLayers {
  static final int PAGE = 2_000;
  /** Symbols of reports this many pixels outside the image still reach into it. */
  private static final double MARGIN_PX = 16;
  /**
   * Where reports can be: Poland with a margin (ingest refuses positions outside the country, see
   * {@code NationalOutline}).
   */
  private static final Bounds POLAND = new Bounds(13.5, 48.5, 24.7, 55.5);
  private static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

  private final ReportStore store;
  private final CategoryCatalog categories;
  private final Clock clock;
  private final int cap;
  private final long budgetNanos;
  /** Cursor streams on the SQL stores (null for another store, which is read by pages). */
  private final FeatureQueries queries;

  /** How a scanned layer's drawing ended. */
  enum Outcome { COMPLETE, CAPPED, OUT_OF_TIME }

  /** How long a map may read one scanned layer by default: a render slot is not held longer. */
  static final long DEFAULT_BUDGET_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  ScannedLayers(ReportStore store, CategoryCatalog categories, Clock clock, int cap, long budgetNanos) {
    this.budgetNanos = budgetNanos;
    this.store = store;
    this.queries = streamsOf(store);
    this.categories = categories;
    this.clock = clock;
    this.cap = cap;
  }

  /** Feature streams of one of the SQL stores, or null (FeatureQueries refuses other stores). */
  private static FeatureQueries streamsOf(ReportStore store) {
    if (store == null) {
      return null;
    }
    try {
      return new FeatureQueries(store);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  int cap() {
    return cap;
  }

  long budgetSeconds() {
    return Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(budgetNanos));
  }

  /**
   * Draws the layer's reports in the view: all of them, or the first {@code cap} ({@link Outcome#CAPPED}),
   * or those read before the time budget ran out ({@link Outcome#OUT_OF_TIME}; a filter that SQL
   * cannot decide alone may read many rows to find a few).
   */
  Outcome draw(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    long[] drawn = {0};
    try {
      return store.withStatementTimeout(java.time.Duration.ofNanos(budgetNanos),
          () -> drawWithin(painter, vt, scale, l, drawn));
    } catch (StatementTimeoutException e) {
      // Reports already drawn make a partial map that says why; none, an error naming the layer.
      if (drawn[0] > 0) {
        return Outcome.OUT_OF_TIME;
      }
      throw new ScanTimeoutException(l.layer().id(), budgetSeconds(), e);
    }
  }

  /**
   * {@link #draw} with every statement bounded by the budget (the database cancels it, {@link
   * ReportStore#withStatementTimeout}); {@code drawn[0]} counts the reports drawn so far.
   */
  private Outcome drawWithin(Painter painter, ViewTransform vt, double scale, LayerRequest l, long[] drawnSoFar) {
    long deadline = System.nanoTime() + budgetNanos;
    MapView v = vt.view();
    Bounds e = vt.lonLatBounds();
    double mx = e.width() * MARGIN_PX / v.width();
    double my = e.height() * MARGIN_PX / v.height();
    Expr selection = selection(l, new Bounds(Math.max(-180, e.minX() - mx), Math.max(-90, e.minY() - my),
        Math.min(180, e.maxX() + mx), Math.min(90, e.maxY() + my)));
    Instant now = clock.instant();
    List<Report> batch = new ArrayList<>(PAGE);
    java.util.function.Consumer<List<Report>> drawBatch = rows -> {
      drawnSoFar[0] += rows.size();
      for (Placed p : place(vt, l, rows, now)) {
        painter.point(l.style(), scale, p.feature(), p.x(), p.y(), 0);
      }
      rows.clear();
    };
    if (queries != null) {
      // One cursor over the selection (a page query per 2,000 rows re-ran the spatial part each time,
      // seconds on a national view); rows are drawn in batches, so memory stays at one batch.
      long[] seen = {0};
      boolean[] late = {false};
      queries.stream(new FeatureQuery(selection, l.scan().view()), 0, cap + 1L, r -> {
        if (++seen[0] > cap) {
          return false;
        }
        if (System.nanoTime() > deadline) {
          late[0] = true;
          return false;
        }
        batch.add(r);
        if (batch.size() == PAGE) {
          drawBatch.accept(batch);
        }
        return true;
      });
      drawBatch.accept(batch);
      return seen[0] > cap ? Outcome.CAPPED : late[0] ? Outcome.OUT_OF_TIME : Outcome.COMPLETE;
    }
    long after = 0;
    int drawn = 0;
    while (drawn < cap) {
      if (System.nanoTime() > deadline) {
        return Outcome.OUT_OF_TIME;
      }
      Page<Report> page = store.list(selection, l.scan().view(), after, Math.min(PAGE, cap - drawn));
      batch.addAll(page.items());
      drawBatch.accept(batch);
      drawn += page.items().size();
      if (page.nextAfterId() == null || page.items().isEmpty()) {
        return Outcome.COMPLETE;
      }
      after = page.nextAfterId();
    }
    return store.list(selection, l.scan().view(), after, 1).items().isEmpty() ? Outcome.COMPLETE : Outcome.CAPPED;
  }

  /** The reports within {@code tolerance} pixels (plus a symbol's reach) of (x, y), nearest first. */
  List<FeatureHit> hits(ViewTransform vt, LayerRequest l, double x, double y, int tolerance, int max) {
    double reach = tolerance + 10;
    Expr selection = selection(l, around(vt, x - reach, y - reach, x + reach, y + reach));
    List<Placed> near = new ArrayList<>();
    List<Report> rows;
    try {
      rows = store.withStatementTimeout(java.time.Duration.ofNanos(budgetNanos),
          () -> store.list(selection, l.scan().view(), 0, PAGE).items());
    } catch (StatementTimeoutException e) {
      throw new ScanTimeoutException(l.layer().id(), budgetSeconds(), e);
    }
    for (Placed p : place(vt, l, rows, clock.instant())) {
      if (Math.hypot(p.x() - x, p.y() - y) <= reach) {
        near.add(p);
      }
    }
    List<FeatureHit> out = new ArrayList<>();
    boolean police = l.scan().view().visibility() == Visibility.INTERNAL;
    for (Placed p : MapRenderer.nearest(near, Comparator.comparingDouble(p -> Math.hypot(p.x() - x, p.y() - y)),
        max)) {
      Map<String, Object> props = police
          ? MapRenderer.properties(p.feature(), "id", "category", "category_name", "status", "source", "past_deadline")
          : MapRenderer.properties(p.feature(), "id", "category", "category_name", "group", "status");
      out.add(new FeatureHit(l.layer().id(), String.valueOf(p.feature().property("id")), props, p.at(), Map.of(),
          Map.of()));
    }
    return out;
  }

  private record Placed(Feature feature, LonLat at, double x, double y) {}

  /** Each report as its view shows it (public: the public position, or left out), at its pixel. */
  private List<Placed> place(ViewTransform vt, LayerRequest l, List<Report> reports, Instant now) {
    boolean pub = l.scan().view().visibility() == Visibility.PUBLIC;
    List<Feature> features = new ArrayList<>(reports.size());
    List<LonLat> at = new ArrayList<>(reports.size());
    for (Report r : reports) {
      Category c = categories.find(r.category()).orElse(null);
      if (pub) {
        PublicReport shown = l.scan().view().policy().show(r);
        if (shown != null) {
          features.add(new PublicReportFeature(shown, c, l.language()));
          at.add(shown.location());
        }
      } else {
        features.add(new ReportFeature(r, c, l.language(), now));
        at.add(r.location());
      }
    }
    double[] xy = new double[at.size() * 2];
    for (int i = 0; i < at.size(); i++) {
      xy[2 * i] = at.get(i).lon();
      xy[2 * i + 1] = at.get(i).lat();
    }
    vt.toPixels(xy, at.size());
    List<Placed> out = new ArrayList<>(at.size());
    for (int i = 0; i < at.size(); i++) {
      out.add(new Placed(features.get(i), at.get(i), xy[2 * i], xy[2 * i + 1]));
    }
    return out;
  }

  /**
   * The request's filter, the scan's expression, the layer's categories and the box, as one
   * expression of the layer's view (public view: the box is judged at public positions).
   */
  private Expr selection(LayerRequest l, Bounds box) {
    List<Expr> parts = new ArrayList<>();
    if (l.filter() != null) {
      parts.add(l.filter().toExpr());
    }
    parts.add(l.scan().filter());
    LayerKind kind = l.layer().kind();
    if (kind == LayerKind.CATEGORY) {
      parts.add(new Expr.In("category", List.of(l.layer().parameter())));
    } else if (kind == LayerKind.CATEGORY_GROUP) {
      List<Object> codes = new ArrayList<>();
      for (Category c : categories.all()) {
        if (c.group().equals(l.layer().parameter())) {
          codes.add(c.code());
        }
      }
      parts.add(new Expr.In("category", codes));
    }
    // A box holding all of Poland selects nothing more than no box, and costs the stores a spatial
    // pass over every row (seconds on a national view): it is left out.
    if (!(box.minX() <= POLAND.minX() && box.minY() <= POLAND.minY() && box.maxX() >= POLAND.maxX()
        && box.maxY() >= POLAND.maxY())) {
      parts.add(new Expr.Spatial(Expr.SpatialOp.BBOX, LON_LAT.toGeometry(
          new Envelope(box.minX(), box.maxX(), box.minY(), box.maxY()))));
    }
    return Expr.and(parts);
  }

  /** The lon/lat box holding the pixel rectangle (x0, y0)–(x1, y1) of the view. */
  private static Bounds around(ViewTransform vt, double x0, double y0, double x1, double y1) {
    double minLon = Double.POSITIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    // Corners and edge midpoints: a projected view's edges curve in lon/lat.
    double[] xs = {x0, (x0 + x1) / 2, x1};
    double[] ys = {y0, (y0 + y1) / 2, y1};
    for (double x : xs) {
      for (double y : ys) {
        LonLat p = vt.lonLatOf(x, y);
        minLon = Math.min(minLon, p.lon());
        minLat = Math.min(minLat, p.lat());
        maxLon = Math.max(maxLon, p.lon());
        maxLat = Math.max(maxLat, p.lat());
      }
    }
    return new Bounds(Math.max(-180, minLon), Math.max(-90, minLat), Math.min(180, maxLon), Math.min(90, maxLat));
  }
}
