package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.store.ReportStore;

/**
 * The police layer on both stores: exact positions of every status for a police caller, read from
 * the store for the view (the public layers never show the two hidden reports).
 */
abstract class PoliceLayerContract {
  final RenderFixtures fx = new RenderFixtures();
  ReportStore store;
  MapRenderer renderer;

  abstract ReportStore open() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    store = open();
    List<NewReport> rows = fx.reports.stream().map(r -> new NewReport(r.category(), r.status(), r.location(),
        r.reportedAt(), null, null, null, Source.POLICE_SYSTEM, r.teryt(), "fx-" + r.id(), null, false)).toList();
    store.insertAll(rows, "test");
    renderer = fx.renderer(store);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void policeCallerSeesHiddenStatusesAtTheirExactPositions() {
    MapView v = RenderFixtures.view("EPSG:3857", 15.9, 50.4, 16.4, 50.6, 256, 128);
    BufferedImage img = renderer.render(v, List.of(fx.police(Optional.of(RenderFixtures.OFFICER))), Color.WHITE, false);
    double[] xy = {16.0, 50.5, 16.3, 50.5};
    RenderFixtures.CRS.fromLonLat(v.crs()).apply(xy, 0, 2);
    int[] grey = {0x95a5a6, 0x7f8c8d};
    for (int k = 0; k < 2; k++) {
      int x = (int) Math.round(v.column(xy[2 * k])) - 9;
      int y = (int) Math.round(v.row(xy[2 * k + 1]));
      assertTrue(MapRendererTest.close(img.getRGB(x, y) & 0xffffff, grey[k]), Integer.toHexString(img.getRGB(x, y)));
    }
    int i = (int) Math.round(v.column(xy[0]));
    int j = (int) Math.round(v.row(xy[1]));
    List<FeatureHit> hits = renderer.hits(v, fx.police(Optional.of(RenderFixtures.OFFICER)), i, j, 3, 5);
    assertEquals(1, hits.size());
    assertEquals("not_confirmed", hits.get(0).properties().get("status"));
    assertEquals("police_system", hits.get(0).properties().get("source"));
    assertEquals(16.0, hits.get(0).position().lon(), 1e-9, "the exact position");
  }

  @Test
  void policeMapOfKrakowHoldsEveryReportThere() {
    MapView v = RenderFixtures.view("EPSG:2180", 19.88, 50.02, 20.0, 50.1, 400, 400);
    List<FeatureHit> hits = renderer.hits(v, fx.police(Optional.of(RenderFixtures.OFFICER)), 200, 200, 400, 1000);
    Set<Long> want = fx.reports.stream().filter(r -> r.id() <= 300).map(Report::id).collect(Collectors.toSet());
    assertEquals(want.size(), hits.size());
  }

  @Test
  void aMapCutShortByTheCapSaysSo() {
    MapView v = RenderFixtures.view("EPSG:3857", 19.88, 50.02, 20.0, 50.1, 400, 200);
    MapRenderer capped = new MapRenderer(fx.index.index(), fx.index.points(), store, RenderFixtures.CATALOG,
        RenderFixtures.CRS, () -> fx.boundaries, () -> fx.units, RenderFixtures.ICONS, RenderFixtures.CLOCK, 100);
    LayerRequest police = fx.police(Optional.of(RenderFixtures.OFFICER));
    assertTrue(noticeShown(capped.render(v, List.of(police), Color.WHITE, false)), "300 reports, cap 100");
    MapRenderer roomy = new MapRenderer(fx.index.index(), fx.index.points(), store, RenderFixtures.CATALOG,
        RenderFixtures.CRS, () -> fx.boundaries, () -> fx.units, RenderFixtures.ICONS, RenderFixtures.CLOCK, 300);
    assertTrue(!noticeShown(roomy.render(v, List.of(police), Color.WHITE, false)), "all 300 fit");
  }

  /**
   * A layer read from the store for a CQL_FILTER the index cannot answer (here the police layer's
   * {@code source}): drawn whole within its cap and time, and a map stopped by either says so.
   */
  @Test
  void aScannedLayerStopsAtItsCapOrItsTimeBudgetAndSaysSo() {
    MapView v = RenderFixtures.view("EPSG:3857", 19.88, 50.02, 20.0, 50.1, 400, 200);
    pl.kmzb.filter.Queryables view = pl.kmzb.filter.Queryables.policeView(RenderFixtures.CATALOG, RenderFixtures.CLOCK);
    pl.kmzb.filter.Expr cql = pl.kmzb.cql2.Cql2TextParser.parseEcql("source = 'police_system'", view,
        pl.kmzb.filter.FilterCrs.crs84(RenderFixtures.CRS));
    LayerRequest police = fx.police(Optional.of(RenderFixtures.OFFICER));
    LayerRequest scan = new LayerRequest(police.layer(), police.style(), null, police.caller(), "pl",
        new StoreScan(cql, view));
    long minute = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    BufferedImage whole = scanner(1000, minute).render(v, List.of(scan), Color.WHITE, false);
    assertTrue(drawn(whole) > 0 && !noticeShown(whole), "300 reports drawn, under the cap and the time");
    assertTrue(noticeShown(scanner(100, minute).render(v, List.of(scan), Color.WHITE, false)), "300 reports, cap 100");
    // No time left: the database read is not started, and nothing drawn is an error naming the layer.
    ScanTimeoutException late = org.junit.jupiter.api.Assertions.assertThrows(ScanTimeoutException.class,
        () -> scanner(1000, 0).render(v, List.of(scan), Color.WHITE, false));
    assertTrue(late.getMessage().contains("police.reports"), late.getMessage());
    List<FeatureHit> hits = scanner(1000, minute).hits(v, scan, 200, 100, 400, 1000);
    assertTrue(!hits.isEmpty() && hits.stream().allMatch(h -> "police_system".equals(h.properties().get("source"))));
  }

  MapRenderer scanner(int cap, long budgetNanos) {
    return new MapRenderer(fx.index.index(), fx.index.points(), store, RenderFixtures.CATALOG, RenderFixtures.CRS,
        () -> fx.boundaries, () -> fx.units, RenderFixtures.ICONS, RenderFixtures.CLOCK, cap, budgetNanos);
  }

  /** Pixels that are not the white background. */
  private static int drawn(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
      }
    }
    return n;
  }

  /** Whether the notice's dark red text is in the bottom-left corner. */
  private static boolean noticeShown(BufferedImage img) {
    for (int y = img.getHeight() - 16; y < img.getHeight(); y++) {
      for (int x = 0; x < 60; x++) {
        if (MapRendererTest.close(img.getRGB(x, y) & 0xffffff, 0xb00020)) {
          return true;
        }
      }
    }
    return false;
  }
}
