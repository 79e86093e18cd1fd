package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.geo.LonLat;
import pl.kmzb.http.Readiness;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.ReportStore;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The index following a real store when the store holds a row the domain rejects (TERYT codes
 * that do not nest, written by SQL around the database's check): the row is skipped with one log
 * line and counted, and every change after it still reaches the tiles at once.
 */
abstract class IndexFollowerContract {
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  static final WebMercatorQuad TMS = WebMercatorQuad.INSTANCE;

  @TempDir Path dir;
  final CategoryCatalog catalog = CategoryCatalog.load(null);
  ReportStore store;
  ClusterIndex index;
  PublicPoints points;
  IndexService service;

  abstract ReportStore openStore();

  /** The command-line arguments naming this store (the PostGIS change feed needs its URL). */
  abstract List<String> storeArgs();

  abstract void directSql(String sql) throws SQLException;

  /** Removes the database's TERYT check, so the test can store what an old or hand-edited row holds. */
  abstract void allowTerytThatDoesNotNest() throws SQLException;

  /** An INSERT of a confirmed (public) report at (lon, lat) with the given TERYT literals. */
  abstract String insertSql(double lon, double lat, String voivodeship, String county);

  @BeforeEach
  void open() {
    store = openStore();
    index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    points = new PublicPoints(catalog, new pl.kmzb.visibility.VisibilityPolicy(catalog, p -> pl.kmzb.report.Teryt.NONE),
        TMS, index);
  }

  @AfterEach
  void close() throws Exception {
    if (service != null) {
      service.close();
    }
    store.close();
  }

  void startIndex() throws Exception {
    Readiness readiness = new Readiness();
    service = new IndexService(ConfigLoader.load(storeArgs(), Map.of()), store, new IndexFollower(store, index, points),
        readiness, () -> "no boundaries").start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (!readiness.isReady()) {
      if (!readiness.failures().isEmpty() || System.currentTimeMillis() > deadline) {
        fail("index not ready: " + readiness.failures() + " " + readiness.pending());
      }
      Thread.sleep(10);
    }
  }

  Report confirmed(double lon, double lat) {
    return store.insert(new NewReport("illegal_parking", Status.CONFIRMED, new LonLat(lon, lat),
        Instant.parse("2025-05-04T10:15:30Z"), null, null, null, Source.OFFICER, Teryt.ofMunicipality("1261011"), null,
        null, false), "test");
  }

  /** Whether the deepest tile over the report's spot shows it. */
  boolean inTiles(Report r) {
    int z = index.settings().maxZoom();
    int s = pl.kmzb.tiles.Morton.LEVELS - z;
    double lon = r.location().lon();
    double lat = r.location().lat();
    TileCoord t = new TileCoord(z, TMS.worldX(lon, lat) >>> s, TMS.worldY(lon, lat) >>> s);
    IndexFilter all = IndexFilter.compile(points.publicFilter(), points.categoryOrder(), TMS);
    return index.tile(t, all).features().stream().anyMatch(f -> f.count() == 1 && f.id() == r.id());
  }

  long insertBadRow(double lon, double lat) throws SQLException {
    allowTerytThatDoesNotNest();
    directSql(insertSql(lon, lat, "'12'", "'1465'"));
    return store.lastChangeSeq(); // the row's id is not needed: the log line names it
  }

  /** Runs {@code work} and returns what it (and every thread meanwhile) wrote to the error stream. */
  static String capturingErrors(ThrowingRunnable work) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8) {
      @Override
      public void write(byte[] b, int off, int len) {
        super.write(b, off, len);
        original.write(b, off, len);
      }
    };
    System.setErr(tee);
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static long skipLines(String log) {
    return log.lines().filter(l -> l.contains("cluster index skips report")).count();
  }

  /** What metrics read: a load, then only the passes that applied something, counted by kind and import. */
  @Test
  void progressHearsTheLoadAndEachPassThatAppliedChanges() throws Exception {
    confirmed(19.90, 50.00);
    List<Long> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<AppliedChanges> passes = new java.util.concurrent.CopyOnWriteArrayList<>();
    IndexFollower follower = new IndexFollower(store, index, points);
    follower.observe(new IndexFollower.Progress() {
      @Override
      public void loaded(long nanos) {
        loads.add(nanos);
      }

      @Override
      public void caughtUp(long nanos, AppliedChanges applied) {
        passes.add(applied);
      }
    });
    assertEquals(-1, follower.appliedSeq());
    follower.load();
    assertEquals(1, loads.size());
    assertEquals(store.lastChangeSeq(), follower.appliedSeq());
    follower.catchUp();
    assertEquals(List.of(), passes, "a pass that found nothing is not reported");

    confirmed(19.91, 50.01);
    // PostGIS: an import of 50,000 rows into a smaller table takes the bulk way, logged as one entry
    // over the range of new ids; the embedded store logs one entry per report.
    boolean bulk = store.kind().equals("postgis");
    int n = bulk ? 50_000 : 3;
    List<NewReport> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new NewReport("illegal_parking", Status.CONFIRMED, new LonLat(19.92 + i % 100 / 1000.0, 50.02 + i / 100
          / 1000.0), Instant.parse("2025-05-04T10:15:30Z"), null, null, null, Source.POLICE_SYSTEM,
          Teryt.ofMunicipality("1261011"), "progress-" + i, null, false));
    }
    assertEquals(n, store.importReports(rows, "import:test").inserted());
    follower.catchUp();
    assertEquals(1, passes.size());
    AppliedChanges applied = passes.get(0);
    assertEquals(Map.of(pl.kmzb.store.ChangeKind.INSERTED, n + 1L), applied.reportsByKind());
    assertEquals(bulk ? 1 : 0, applied.bulkLoads());
    assertEquals(bulk ? n : 0, applied.bulkLoadedReports());
    assertEquals(store.lastChangeSeq(), follower.appliedSeq());
  }

  @Test
  void aRowTheDomainRejectsDoesNotStopLaterChanges() throws Exception {
    Report hidden = confirmed(19.94, 50.06);
    Report kept = confirmed(19.95, 50.07);
    startIndex();
    assertTrue(inTiles(hidden) && inTiles(kept));
    String log = capturingErrors(() -> {
      insertBadRow(19.96, 50.08);
      store.changeStatus(hidden.id(), hidden.version(), new StatusChange(ADMIN, Status.JOKE_OR_MISTAKE, "test"));
      long deadline = System.nanoTime() + 1_000_000_000L;
      while (inTiles(hidden)) {
        if (System.nanoTime() > deadline) {
          fail("the hidden report is still in the tiles a second later");
        }
        Thread.sleep(10);
      }
      Thread.sleep(1_200); // a poll or two more: the bad row must not be logged again
    });
    assertTrue(inTiles(kept));
    assertEquals(1, service.skippedRows());
    assertEquals(1, skipLines(log), log);
    Report later = confirmed(19.97, 50.09);
    assertTrue(inTiles(later), "a report written after the bad row reaches the tiles");
  }

  @Test
  void aRowTheDomainRejectsDoesNotStopTheLoad() throws Exception {
    Report kept = confirmed(19.95, 50.07);
    String log = capturingErrors(() -> {
      insertBadRow(19.96, 50.08);
      startIndex();
    });
    assertTrue(inTiles(kept));
    assertEquals(1, service.skippedRows());
    assertEquals(1, skipLines(log), log);
    store.changeStatus(kept.id(), kept.version(), new StatusChange(ADMIN, Status.JOKE_OR_MISTAKE, "test"));
    assertFalse(inTiles(kept));
  }
}
