package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.testing.TestPostgis;

/** The police tile contract on PostGIS, plus a change made directly in SQL (reaching the index by NOTIFY). */
class PostgisPoliceTilesTest extends PoliceTilesContract {
  String url;

  @Override
  List<String> storeArgs() {
    if (url == null) {
      url = TestPostgis.createDatabase();
    }
    return List.of("--store=postgis", "--postgis.url=" + url, "--postgis.pool-size=4");
  }

  @Test
  void aStatusChangedInSqlIsInThePoliceTilesWithinASecond() throws Exception {
    Report r = insert("vandalism", Status.VERIFICATION, new LonLat(15.5, 53.5), Instant.now(), Source.CITIZEN,
        Teryt.NONE);
    assertEquals("verification", single(r, admin).get("status"));
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE report SET status = 'not_confirmed' WHERE id = " + r.id()));
    }
    long t0 = System.nanoTime();
    while (!"not_confirmed".equals(single(r, admin).get("status"))) {
      assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "not in the police tiles within a second");
      Thread.sleep(20);
    }
  }
}
