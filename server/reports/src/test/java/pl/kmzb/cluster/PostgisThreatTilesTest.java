package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;

/** The tile contract on PostGIS, plus what only a shared database has: SQL edits and replicas. */
class PostgisThreatTilesTest extends ThreatTilesContract {
  String url;

  @Override
  List<String> storeArgs() {
    if (url == null) {
      url = TestPostgis.createDatabase();
    }
    return List.of("--store=postgis", "--postgis.url=" + url, "--postgis.pool-size=4");
  }

  /** Polls until {@code total(a, z)} equals {@code want}; the change feed should take milliseconds. */
  void awaitTotal(Application a, int z, long want) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    long got;
    while ((got = total(a, z, "")) != want) {
      if (System.currentTimeMillis() > deadline) {
        fail("zoom " + z + ": " + got + " reports in the tiles, " + want + " in the store");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void editsMadeDirectlyInSqlReachTheTiles() throws Exception {
    insert(5, 800);
    long n0 = expected("");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      assertEquals(25, s.executeUpdate("UPDATE report SET status = 'joke_or_mistake' WHERE id IN "
          + "(SELECT id FROM report WHERE status = 'new' ORDER BY id LIMIT 25)"));
      assertEquals(10, s.executeUpdate("UPDATE report SET category = 'speeding' WHERE id IN (SELECT id FROM report"
          + " WHERE status = 'verification' AND category <> 'speeding' ORDER BY id LIMIT 10)"));
    }
    long n1 = expected("");
    org.junit.jupiter.api.Assertions.assertNotEquals(n0, n1);
    for (int z : new int[] {0, 9, 16}) {
      awaitTotal(app, z, n1);
    }
    assertEquals(expected("?category=speeding"), total(app, 12, "?category=speeding"));
  }

  @Test
  void twoServersOnOnePostgisConverge() throws Exception {
    insert(6, 300);
    Application second = startServer();
    try {
      long n0 = expected("");
      awaitTotal(second, 10, n0);
      insert(7, 120);
      awaitTotal(second, 10, n0 + 120 - hiddenAmong(7, 120));
      awaitTotal(app, 10, expected(""));
      assertEquals(total(app, 14, ""), total(second, 14, ""));
    } finally {
      second.close();
    }
  }

  @Test
  void aBulkImportFromAnotherProcessReachesTheTilesAsOneRangeEntry() throws Exception {
    insert(8, 50);
    int n = 60_000; // above the bulk way's threshold and larger than the table
    List<pl.kmzb.report.NewReport> rows = new java.util.ArrayList<>();
    for (pl.kmzb.report.NewReport r : pl.kmzb.testing.TestReports.random(9, n)) {
      rows.add(r.withExternalId("bulk-" + rows.size()));
    }
    long seq = app.store().lastChangeSeq();
    try (pl.kmzb.store.ReportStore importer = pl.kmzb.store.PostgisReportStore.open(url, null, null, 2)) {
      assertEquals(n, importer.importReports(rows, "import").inserted());
    }
    List<pl.kmzb.store.Change> log = app.store().changesSince(seq, 10);
    assertEquals(1, log.size());
    assertEquals(n, log.get(0).reportCount());
    for (int z : new int[] {0, 7, 16}) {
      awaitTotal(app, z, expected(""));
    }
    assertEquals(expected("?category=speeding"), total(app, 12, "?category=speeding"));
  }

  /** How many of the test reports of a seed the public map does not show. */
  long hiddenAmong(long seed, int n) {
    PublicPoints p = new PublicPoints(catalog, new pl.kmzb.visibility.VisibilityPolicy(catalog, x -> pl.kmzb.report.Teryt.NONE),
        pl.kmzb.tiles.WebMercatorQuad.INSTANCE,
        new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size()));
    long shown = 0;
    for (pl.kmzb.report.NewReport r : pl.kmzb.testing.TestReports.random(seed, n)) {
      pl.kmzb.report.Report asStored = new pl.kmzb.report.Report(1, r.category(), r.status(), r.location(),
          r.reportedAt(), r.occurredOn(), r.timeOfDay(), r.description(), false, r.source(), r.teryt(),
          r.externalId(), false, null, r.synthetic(), r.reportedAt(), 1);
      if (p.entryOf(asStored) != null) {
        shown++;
      }
    }
    return n - shown;
  }
}
