package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisPoliceLayerTest extends PoliceLayerContract {
  private String url;

  @Override
  ReportStore open() {
    url = TestPostgis.createDatabase();
    return PostgisReportStore.open(url, null, null, 2);
  }

  /**
   * A statement the database cannot answer in the layer's time (here: the report table locked by
   * another transaction, so the query waits however simple it is) is cancelled by PostgreSQL once
   * the time is up: the map and the feature info fail in bounded time with an error naming the
   * layer, for a scanned public layer and for the police layer's paged reads, and the store's
   * connections serve the next map normally.
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aReadTheDatabaseCannotAnswerInTimeIsCancelledThere() throws Exception {
    MapView v = RenderFixtures.view("EPSG:3857", 19.88, 50.02, 20.0, 50.1, 400, 200);
    pl.kmzb.filter.Queryables pub = pl.kmzb.filter.Queryables.publicView(fx.policy);
    pl.kmzb.filter.Expr cql = pl.kmzb.cql2.Cql2TextParser.parseEcql("description LIKE '%dziura%'", pub,
        pl.kmzb.filter.FilterCrs.crs84(RenderFixtures.CRS));
    LayerRequest points = fx.request("threats.points");
    LayerRequest scan = new LayerRequest(points.layer(), points.style(), null, Optional.empty(), "pl",
        new StoreScan(cql, pub));
    MapRenderer oneSecond = scanner(1000, TimeUnit.SECONDS.toNanos(1));
    try (Connection locker = DriverManager.getConnection(url); Statement st = locker.createStatement()) {
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE report IN ACCESS EXCLUSIVE MODE");
      long t0 = System.nanoTime();
      ScanTimeoutException e = assertThrows(ScanTimeoutException.class,
          () -> oneSecond.render(v, List.of(scan), Color.WHITE, false));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 900 && ms < 4_000, "cancelled after " + ms + " ms");
      assertTrue(e.getMessage().contains("threats.points"), e.getMessage());
      assertThrows(ScanTimeoutException.class, () -> oneSecond.hits(v, scan, 200, 100, 10, 10));
      t0 = System.nanoTime();
      LayerRequest police = fx.police(Optional.of(RenderFixtures.OFFICER));
      assertThrows(ScanTimeoutException.class, () -> renderer.render(v, List.of(police), Color.WHITE, false));
      ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < PoliceLayers.BUDGET.toMillis() + 3_000, "police layer cancelled after " + ms + " ms");
      locker.rollback();
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(renderer.render(v, List.of(fx.police(Optional.of(RenderFixtures.OFFICER))), Color.WHITE, false)
          != null);
      oneSecond.render(v, List.of(scan), Color.WHITE, false);
    }
  }
}
