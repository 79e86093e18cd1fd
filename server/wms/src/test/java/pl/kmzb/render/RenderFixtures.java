package pl.kmzb.render;

import java.awt.Color;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.cluster.TestIndexes;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;
import pl.kmzb.icons.Icons;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.ReportStore;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.UnitType;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Generated scenes for the renderer's tests: four rectangular "voivodeships" across Poland, three
 * police units, and reports in known places (a dense cluster in Kraków, a loose one in Warsaw,
 * single reports of every public status in Gdańsk, two hidden ones that must never be drawn).
 */
final class RenderFixtures {
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  static final CrsRegistry CRS = CrsRegistry.standard();
  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Icons ICONS = Icons.load(CATALOG, List.of());
  static final pl.kmzb.layer.LayerCatalog LAYERS = pl.kmzb.layer.LayerCatalog.load(null, CATALOG);
  static final Actor OFFICER = new Actor("officer", Role.OFFICER, java.util.Set.of("12"));

  final BoundaryIndex boundaries = boundaries();
  final VisibilityPolicy policy = new VisibilityPolicy(CATALOG, boundaries::assign);
  final List<Report> reports = reports(boundaries);
  final TestIndexes.Built index = TestIndexes.of(CATALOG, policy, reports);
  final List<PoliceUnit> units = List.of(
      new PoliceUnit("KWP-KRK", "KWP Kraków", UnitType.KWP, new LonLat(19.94, 50.06), java.util.Set.of("12")),
      new PoliceUnit("KMP-GDA", "KMP Gdańsk", UnitType.KMP, new LonLat(18.64, 54.35), java.util.Set.of("22")),
      new PoliceUnit("KP-X", "KP Warszawa-Śródmieście", UnitType.KP, new LonLat(21.01, 52.23), java.util.Set.of("14")));
  final StyleCatalog styles;

  RenderFixtures() {
    styles = StyleCatalog.load(null, CATALOG, LAYERS);
  }

  MapRenderer renderer(ReportStore store) {
    return new MapRenderer(index.index(), index.points(), store, CATALOG, CRS, () -> boundaries, () -> units, ICONS,
        CLOCK);
  }

  static PublishedLayer layer(String id) {
    return LAYERS.find(id).orElseThrow(() -> new IllegalArgumentException("no layer " + id + " in layers.yaml"));
  }

  LayerRequest request(String layerId) {
    PublishedLayer l = layer(layerId);
    return new LayerRequest(l, style(l.styles().get(0)), null, Optional.empty(), "pl");
  }

  LayerRequest police(Optional<Actor> caller) {
    PublishedLayer l = layer("police.reports");
    return new LayerRequest(l, style("police-reports"), null, caller, "pl");
  }

  Style style(String name) {
    return styles.find(name).orElseThrow();
  }

  /** A view of a lon/lat extent in {@code crs}, the extent's image in that CRS. */
  static MapView view(String crs, double minLon, double minLat, double maxLon, double maxLat, int w, int h) {
    Crs c = CRS.require(crs);
    CrsTransform t = CRS.fromLonLat(c);
    Bounds b = t.apply(new Bounds(minLon, minLat, maxLon, maxLat));
    return new MapView(b, c, w, h);
  }

  static MapView poland(String crs, int size) {
    return view(crs, 14.0, 49.0, 24.2, 54.9, size, size);
  }

  static final Color BACKGROUND = new Color(0xf4f1ea);

  private static BoundaryIndex boundaries() {
    GeometryFactory gf = new GeometryFactory();
    List<Boundary> out = new ArrayList<>();
    // Four quarters of Poland's extent, split at 19.1 E and 52.0 N.
    double[][] boxes = {{14.0, 52.0, 19.1, 54.9}, {19.1, 52.0, 24.2, 54.9}, {14.0, 49.0, 19.1, 52.0},
        {19.1, 49.0, 24.2, 52.0}};
    String[] codes = {"22", "14", "02", "12"};
    String[] names = {"Północny zachód", "Północny wschód", "Południowy zachód", "Południowy wschód"};
    for (int i = 0; i < boxes.length; i++) {
      double[] b = boxes[i];
      Polygon p = gf.createPolygon(new Coordinate[] {new Coordinate(b[0], b[1]), new Coordinate(b[2], b[1]),
          new Coordinate(b[2], b[3]), new Coordinate(b[0], b[3]), new Coordinate(b[0], b[1])});
      MultiPolygon mp = gf.createMultiPolygon(new Polygon[] {p});
      out.add(new Boundary(BoundaryLevel.VOIVODESHIP, codes[i], names[i], mp));
    }
    return BoundaryIndex.of(out);
  }

  private static List<Report> reports(BoundaryIndex areas) {
    List<Report> out = new ArrayList<>();
    List<Category> cats = List.copyOf(CATALOG.all());
    SplittableRandom rnd = new SplittableRandom(13);
    long id = 1;
    // Kraków: 300 reports within ~3 km, every public status, road categories mostly.
    for (int i = 0; i < 300; i++) {
      out.add(report(id++, cats.get(rnd.nextInt(6)).code(), Status.values()[rnd.nextInt(5)],
          19.94 + (rnd.nextDouble() - 0.5) * 0.08, 50.06 + (rnd.nextDouble() - 0.5) * 0.05));
    }
    // Warsaw: 40 reports within ~20 km.
    for (int i = 0; i < 40; i++) {
      out.add(report(id++, cats.get(rnd.nextInt(cats.size())).code(), Status.values()[rnd.nextInt(5)],
          21.01 + (rnd.nextDouble() - 0.5) * 0.5, 52.23 + (rnd.nextDouble() - 0.5) * 0.3));
    }
    // Gdańsk: one single report per public status, 3 km apart along a line.
    Status[] shown = {Status.NEW, Status.VERIFICATION, Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER,
        Status.CONFIRMED_ELIMINATED};
    for (int i = 0; i < shown.length; i++) {
      out.add(report(id++, cats.get(i * 5 % cats.size()).code(), shown[i], 18.40 + i * 0.6, 54.35));
    }
    // Hidden statuses: never on a public map, always on the police one.
    out.add(report(id++, "speeding", Status.NOT_CONFIRMED, 16.0, 50.5));
    out.add(report(id, "speeding", Status.JOKE_OR_MISTAKE, 16.3, 50.5));
    return out.stream().map(r -> new Report(r.id(), r.category(), r.status(), r.location(), r.reportedAt(), null, null,
        null, false, r.source(), areas.assign(r.location()), null, false, null, false, r.updatedAt(), 1)).toList();
  }

  static Report report(long id, String category, Status status, double lon, double lat) {
    Instant t = NOW.minusSeconds(86_400L * (id % 30 + 1));
    return new Report(id, category, status, new LonLat(lon, lat), t, null, null, null, false, Source.CITIZEN,
        Teryt.NONE, null, false, null, false, t, 1);
  }
}
