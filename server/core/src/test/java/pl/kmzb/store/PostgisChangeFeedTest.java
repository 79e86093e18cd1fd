package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.testing.TestPostgis;
import pl.kmzb.testing.TestReports;

/** NOTIFY after commit, and a listener that follows the log across a lost connection. PostGIS only. */
class PostgisChangeFeedTest {
  String url;
  ReportStore store;

  @BeforeEach
  void open() {
    url = TestPostgis.createDatabase();
    store = PostgisReportStore.open(url, null, null, 4);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static NewReport report(int i) {
    return NewReport.of("vandalism", new LonLat(18.6, 54.35), Instant.now(), Source.OFFICER).withExternalId("feed-" + i);
  }

  @Test
  void oneNotificationPerCommittedTransaction() throws Exception {
    try (Connection listener = DriverManager.getConnection(url); Statement s = listener.createStatement()) {
      s.execute("LISTEN " + PostgisChangeFeed.CHANNEL);
      PGConnection pg = listener.unwrap(PGConnection.class);
      store.insertAll(TestReports.random(1, 500), "import");
      PGNotification[] first = pg.getNotifications(10_000);
      assertNotNull(first);
      assertEquals(1, first.length, "a batch of 500 rows notifies once");
      assertEquals(PostgisChangeFeed.CHANNEL, first[0].getName());
      // A rolled-back transaction notifies nobody.
      try (Connection c = DriverManager.getConnection(url); Statement w = c.createStatement()) {
        c.setAutoCommit(false);
        w.execute("UPDATE report SET description = 'x' WHERE id = 1");
        c.rollback();
      }
      store.insert(report(1), "form");
      PGNotification[] second = pg.getNotifications(10_000);
      assertEquals(1, second.length);
      assertEquals(501, store.changesSince(0, 10_000).size());
    }
  }

  @Test
  void followsWritesFromOtherServersAndDirectSql() throws Exception {
    List<Change> seen = new CopyOnWriteArrayList<>();
    try (PostgisChangeFeed feed = new PostgisChangeFeed(url, null, null, store, store.lastChangeSeq(), seen::addAll).start();
        ReportStore otherServer = PostgisReportStore.open(url, null, null, 2)) {
      Report r = otherServer.insert(report(1), "form");
      await(() -> seen.size() == 1);
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("UPDATE report SET status = 'verification' WHERE id = " + r.id());
      }
      await(() -> seen.size() == 2);
      assertEquals(List.of(ChangeKind.INSERTED, ChangeKind.STATUS_CHANGED), seen.stream().map(Change::kind).toList());
      assertEquals(List.of(r.id(), r.id()), seen.stream().map(Change::reportId).toList());
      assertEquals(seen.get(1).seq(), feed.lastSeq());
    }
  }

  @Test
  void catchesUpFromItsLastSequenceAfterLosingTheConnection() throws Exception {
    List<Change> seen = new CopyOnWriteArrayList<>();
    try (PostgisChangeFeed feed = new PostgisChangeFeed(url, null, null, store, 0, seen::addAll).start()) {
      store.insert(report(0), "form");
      await(() -> seen.size() == 1);
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kmzb-change-feed'");
      }
      List<NewReport> more = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        more.add(report(i));
      }
      store.insertAll(more, "import");
      await(() -> seen.size() == 51);
      List<Change> log = store.changesSince(0, 1_000);
      assertEquals(log, List.copyOf(seen), "every entry exactly once, in order");
      assertTrue(feed.lastSeq() == log.get(50).seq());
    }
  }

  /** Waits for a condition the feed must reach; the bound only stops a broken feed from hanging the build. */
  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "change feed did not deliver within 30 s");
      Thread.sleep(10);
    }
  }
}
