package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import pl.kmzb.report.NewReport;
import pl.kmzb.testing.TestPostgis;

/** A batch larger than the table takes the bulk path: every index, key and trigger is back and the data is right. */
class PostgisBulkImportTest {
  @Test
  void largeImportsRebuildTheIndexesTheyDropped() throws Exception {
    String url = TestPostgis.createDatabase();
    List<String> before;
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      before = TestPostgis.reportSchema(url);
      int n = PostgisImport.BULK_MIN + 1_000;
      assertEquals(new ImportResult(n, 0), store.importReports(ReportStoreContract.imported(1, n), "bulk"));
      assertEquals(before, TestPostgis.reportSchema(url), "the same indexes, keys and triggers, rebuilt");
      Envelope box = new Envelope(19.95, 50.03, 20.05, 50.10);
      List<pl.kmzb.report.Report> all = new ArrayList<>();
      store.scan(ReportFilter.ALL_INTERNAL, all::add);
      assertEquals(ReportStoreContract.imported(1, n), all.stream().map(ReportStoreContract::asNew).toList(),
          "every field, in file order");
      long expected = all.stream().filter(r -> box.contains(r.location())).count();
      assertTrue(expected > 0);
      assertEquals(expected, store.count(ReportFilter.ALL_INTERNAL.withBbox(box)));
      assertEquals(List.of(new Change(1, 1L, (long) n, ChangeKind.INSERTED, null)), withoutTimes(store.changesSince(0, 100)),
          "one change-log entry for the import's id range");
      assertEquals(n + 1, nextId(url), "the identity sequence moved past the ids the import gave out");
      assertEquals(n, count(url, "SELECT count(*) FROM report_history h JOIN report r ON r.id = h.report_id"
          + " WHERE h.action = 'created' AND h.actor = 'bulk' AND h.at = r.reported_at AND h.to_status = r.status"));
      // A small follow-up import keeps the indexes in place (nothing to rebuild).
      assertEquals(new ImportResult(10, 0), store.importReports(ReportStoreContract.imported(900_000, 10), "bulk"));
      assertEquals(before, TestPostgis.reportSchema(url));
    }
  }

  @Test
  void bulkImportsSkipStoredAndRepeatedExternalIds() throws Exception {
    String url = TestPostgis.createDatabase();
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      List<String> before = TestPostgis.reportSchema(url);
      assertEquals(new ImportResult(100, 0), store.importReports(ReportStoreContract.imported(1, 100), "first"));
      List<long[]> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
      store.subscribe(new ReportListener() {
        @Override
        public void changed(ReportEvent event) {
          throw new AssertionError("an import is one batch event");
        }

        @Override
        public void batchInserted(long fromSeq, long toSeq, int count) {
          batches.add(new long[] {fromSeq, toSeq, count});
        }
      });
      // Rows 51..100 are stored already, and row 60,000 comes twice in the file.
      List<NewReport> rows = new ArrayList<>(ReportStoreContract.imported(51, PostgisImport.BULK_MIN + 10_000));
      rows.add(rows.get(rows.size() - 1));
      int fresh = PostgisImport.BULK_MIN + 10_000 - 50;
      assertEquals(new ImportResult(fresh, 51), store.importReports(rows, "second"));
      assertEquals(before, TestPostgis.reportSchema(url));
      assertEquals(100 + fresh, store.count(ReportFilter.ALL_INTERNAL));
      assertEquals(100 + fresh, count(url, "SELECT count(*) FROM report_history"));
      List<Change> log = store.changesSince(0, Integer.MAX_VALUE);
      assertEquals(101, log.size(), "the first (small) import's 100 entries, then one for the bulk import");
      assertEquals(new Change(101, 101L, 100L + fresh, ChangeKind.INSERTED, null), withoutTimes(log).get(100));
      assertEquals(100 + fresh, log.stream().mapToLong(Change::reportCount).sum());
      assertEquals(1, batches.size());
      assertEquals(fresh, batches.get(0)[2]);
      assertEquals(101, batches.get(0)[1]);
      assertEquals(new ImportResult(0, rows.size()), store.importReports(rows, "again"), "re-running changes nothing");
    }
  }

  @Test
  void aFailureMidwayLeavesTablesAndSchemaAsTheyWere() throws Exception {
    String url = TestPostgis.createDatabase();
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      store.importReports(ReportStoreContract.imported(1, 10), "first");
      List<String> before = TestPostgis.reportSchema(url);
      List<NewReport> rows = ReportStoreContract.imported(100, PostgisImport.BULK_MIN + 1_000);
      ImportRows failing = failingAt(rows, rows.size() - 1, () -> new IllegalStateException("line 51001: bad row"));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.importReports(failing, "bad"));
      assertEquals("line 51001: bad row", e.getMessage());
      assertEquals(before, TestPostgis.reportSchema(url));
      assertEquals(10, store.count(ReportFilter.ALL_INTERNAL));
      assertEquals(10, count(url, "SELECT count(*) FROM report_history"));
      assertEquals(10, store.lastChangeSeq());
    }
  }

  /** An Error (say, out of memory while reading) must roll back like an exception, not hang or commit. */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void anErrorMidwayRollsBackAndLeavesTheStoreUsable() throws Exception {
    String url = TestPostgis.createDatabase();
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      store.importReports(ReportStoreContract.imported(1, 10), "first");
      List<String> before = TestPostgis.reportSchema(url);
      List<NewReport> rows = ReportStoreContract.imported(100, PostgisImport.BULK_MIN + 1_000);
      ImportRows failing = failingAt(rows, PostgisImport.BULK_MIN, () -> new StackOverflowError("simulated"));
      assertThrows(StackOverflowError.class, () -> store.importReports(failing, "bad"));
      assertEquals(before, TestPostgis.reportSchema(url), "keys, indexes and triggers all back");
      assertEquals(10, store.count(ReportFilter.ALL_INTERNAL));
      assertEquals(10, store.lastChangeSeq());
      assertEquals(new ImportResult(rows.size(), 0), store.importReports(rows, "again"), "the store still works");
      assertEquals(before, TestPostgis.reportSchema(url));
    }
  }

  @Test
  void aSourceThatPromisedDistinctIdsAndRepeatsOneStoresNothing() throws Exception {
    String url = TestPostgis.createDatabase();
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      List<NewReport> rows = new ArrayList<>(ReportStoreContract.imported(1, PostgisImport.BULK_MIN + 10));
      rows.add(rows.get(7));
      java.util.Iterator<NewReport> it = rows.iterator();
      ImportRows promised = new ImportRows() {
        @Override
        public NewReport next() {
          return it.hasNext() ? it.next() : null;
        }

        @Override
        public long expectedRows() {
          return rows.size();
        }

        @Override
        public boolean distinctExternalIds() {
          return true;
        }
      };
      StoreException e = assertThrows(StoreException.class, () -> store.importReports(promised, "liar"));
      assertEquals(StoreException.Reason.DUPLICATE_EXTERNAL_ID, e.reason());
      assertEquals(0, store.count(ReportFilter.ALL_INTERNAL));
    }
  }

  /** The rows in order, until row {@code at} (0-based), which throws {@code failure} instead. */
  private static ImportRows failingAt(List<NewReport> rows, int at, java.util.function.Supplier<Throwable> failure) {
    int[] handed = {0};
    return new ImportRows() {
      @Override
      public NewReport next() {
        if (handed[0] == at) {
          Throwable t = failure.get();
          if (t instanceof Error e) {
            throw e;
          }
          throw (RuntimeException) t;
        }
        return rows.get(handed[0]++);
      }

      @Override
      public long expectedRows() {
        return rows.size();
      }
    };
  }

  static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<Change> withoutTimes(List<Change> log) {
    return log.stream().map(c -> new Change(c.seq(), c.reportId(), c.lastReportId(), c.kind(), null)).toList();
  }

  private static long nextId(String url) throws Exception {
    return count(url, "SELECT nextval(pg_get_serial_sequence('report', 'id'))");
  }
}
