package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.Envelope;
import pl.kmzb.testing.TestPostgis;

/** A batch larger than the table takes the rebuild path: every index is back and answers queries. */
class PostgisBulkImportTest {
  @Test
  void largeImportsRebuildTheIndexesTheyDropped() throws Exception {
    String url = TestPostgis.createDatabase();
    List<String> before;
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      before = indexes(url);
      int n = PostgisImport.BULK_MIN + 1_000;
      assertEquals(new ImportResult(n, 0), store.importReports(ReportStoreContract.imported(1, n), "bulk"));
      assertEquals(before, indexes(url), "the same indexes, rebuilt");
      Envelope box = new Envelope(19.95, 50.03, 20.05, 50.10);
      List<pl.kmzb.report.Report> all = new ArrayList<>();
      store.scan(ReportFilter.ALL_INTERNAL, all::add);
      long expected = all.stream().filter(r -> box.contains(r.location())).count();
      assertTrue(expected > 0);
      assertEquals(expected, store.count(ReportFilter.ALL_INTERNAL.withBbox(box)));
      assertEquals(n, store.changesSince(0, Integer.MAX_VALUE).size());
      // A small follow-up import keeps the indexes in place (nothing to rebuild).
      assertEquals(new ImportResult(10, 0), store.importReports(ReportStoreContract.imported(900_000, 10), "bulk"));
      assertEquals(before, indexes(url));
    }
  }

  static List<String> indexes(String url) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'report' ORDER BY indexname")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
