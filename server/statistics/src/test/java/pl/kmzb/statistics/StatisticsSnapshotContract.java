package pl.kmzb.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The statistics' local snapshot on a real store: restored statistics answer every query (all
 * levels, breakdowns and periods, police and public) exactly as a fresh load does; a change made
 * while no server ran is counted after the restore; a damaged, cut, or foreign snapshot is refused
 * so the normal load runs; the service writes one on close and every interval and restores it.
 */
abstract class StatisticsSnapshotContract {
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  /** Generalised reports are counted publicly where their cell centre falls: west and east of 20°E differ. */
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG,
      p -> Teryt.ofMunicipality(p.lon() < 20.05 ? "1261011" : "1206012"));
  static final String BOUNDARIES = "no boundaries";

  @TempDir Path dir;
  ReportStore store;
  StatisticsSnapshots snapshots;
  final List<AutoCloseable> closing = new ArrayList<>();

  abstract ReportStore openStore();

  /** Another, empty database of the same kind. */
  abstract ReportStore openOtherStore();

  abstract List<String> storeArgs();

  abstract void directSql(String sql) throws SQLException;

  @BeforeEach
  void open() {
    store = openStore();
    store.insertAll(TestReports.random(11, 3_000), "test");
    // Verdicts (some corrected twice), so the verification medians are not empty.
    SplittableRandom rnd = new SplittableRandom(3);
    List<Report> some = store.list(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, 0, 400).items();
    for (Report r : some) {
      Status to = Status.values()[rnd.nextInt(Status.values().length)];
      if (to != r.status()) {
        store.changeStatus(r.id(), r.version(), new StatusChange(ADMIN, to, "test"));
      }
    }
    snapshots = new StatisticsSnapshots(dir.resolve("snapshots").resolve("statistics.snapshot"), store, CATALOG);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    store.close();
  }

  StatisticsFollower follower(ReportStore on) {
    return new StatisticsFollower(on, new StatisticsIndex(CATALOG, POLICY));
  }

  StatisticsFollower loaded() {
    StatisticsFollower f = follower(store);
    f.load();
    return f;
  }

  StatisticsFollower loadedAndSaved() {
    StatisticsFollower a = loaded();
    assertTrue(snapshots.save(a, BOUNDARIES) > 0, "a snapshot is written");
    return a;
  }

  @Test
  void restoredStatisticsAnswerAsAFreshLoad() {
    StatisticsFollower a = loadedAndSaved();
    StatisticsFollower b = follower(store);
    assertTrue(snapshots.restore(b, BOUNDARIES));
    assertEquals(a.lastSeq(), b.lastSeq());
    assertEquals(a.index().size(), b.index().size());
    assertTrue(b.index().isLoaded());
    assertSameAnswers(a.index(), b.index());
  }

  @Test
  void aChangeMadeWhileNoServerRanIsCountedAfterARestore() {
    StatisticsFollower a = loadedAndSaved();
    int before = a.index().size();
    store.insert(new NewReport("illegal_parking", Status.NEW, new LonLat(19.955, 50.065),
        Instant.parse("2025-12-30T10:15:30Z"), null, null, null, Source.CITIZEN, Teryt.ofMunicipality("1261011"),
        null, null, false), "test");
    Report moved = store.list(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, 500, 1).items().get(0);
    store.changeStatus(moved.id(), moved.version(), new StatusChange(ADMIN, Status.CONFIRMED == moved.status()
        ? Status.JOKE_OR_MISTAKE : Status.CONFIRMED, "test"));
    Report removed = store.list(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, 600, 1).items().get(0);
    store.softDelete(removed.id(), removed.version(), ADMIN, "test");
    StatisticsFollower b = follower(store);
    assertTrue(snapshots.restore(b, BOUNDARIES));
    assertEquals(before, b.index().size(), "as saved, before the catch-up");
    b.catchUp();
    assertEquals(before, b.index().size(), "one added, one deleted");
    StatisticsFollower fresh = loaded();
    assertEquals(fresh.lastSeq(), b.lastSeq());
    assertSameAnswers(fresh.index(), b.index());
    StatisticsQuery statuses = new StatisticsQuery(true, AreaLevel.COUNTRY, Set.of(), Set.of(), Breakdown.NONE,
        Set.of(), Period.ALL, null, null);
    assertFalse(render(a.index().query(statuses, NOW)).equals(render(b.index().query(statuses, NOW))),
        "the changes moved the counts");
  }

  @Test
  void aDamagedSnapshotIsRefusedAndTheNormalLoadServes() throws IOException {
    StatisticsFollower a = loadedAndSaved();
    byte[] good = Files.readAllBytes(snapshots.file());
    List<byte[]> damaged = new ArrayList<>();
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10; // inside the columns
    damaged.add(flipped);
    byte[] last = good.clone();
    last[good.length - 20] ^= 0x01; // the last chunk's verification column
    damaged.add(last);
    damaged.add(Arrays.copyOf(good, good.length / 2)); // cut in the middle
    damaged.add(Arrays.copyOf(good, good.length - 1)); // the checksum's last byte missing
    damaged.add(Arrays.copyOf(good, good.length + 1)); // a byte too many
    damaged.add(Arrays.copyOf(good, 6)); // not even the magic word
    byte[] format = good.clone();
    format[8] = 99; // another format version
    damaged.add(format);
    damaged.add(new byte[0]);
    for (byte[] bytes : damaged) {
      Files.write(snapshots.file(), bytes);
      StatisticsFollower b = follower(store);
      assertFalse(snapshots.restore(b, BOUNDARIES), "a damaged snapshot of " + bytes.length + " bytes");
      assertFalse(b.index().isLoaded(), "nothing of it reaches the statistics");
      assertEquals(-1, b.lastSeq());
      b.load();
      assertEquals(a.index().size(), b.index().size());
    }
    StatisticsFollower c = follower(store);
    assertFalse(snapshots.restore(c, BOUNDARIES));
    c.load();
    assertSameAnswers(a.index(), c.index());
  }

  @Test
  void aSnapshotOfOtherDataOrBoundariesIsRefused() throws SQLException {
    StatisticsFollower a = loadedAndSaved();
    assertFalse(snapshots.restore(follower(store), "other boundaries"), "other boundaries");
    try (ReportStore other = openOtherStore()) {
      other.insertAll(TestReports.random(11, 3_000), "test");
      assertFalse(new StatisticsSnapshots(snapshots.file(), other, CATALOG).restore(follower(other), BOUNDARIES),
          "another database with the same reports");
    }
    assertTrue(snapshots.restore(follower(store), BOUNDARIES), "still good for its own database");
    // The change log no longer holds the entry the snapshot was taken at (the log was rebuilt).
    directSql("DELETE FROM report_change WHERE seq = " + a.lastSeq());
    assertFalse(snapshots.restore(follower(store), BOUNDARIES), "a change log without its position");
  }

  @Test
  void theServiceWritesOnCloseAndEveryIntervalAndRestoresAtStart() throws Exception {
    StatisticsFollower first = follower(store);
    StatisticsService one = service(first, "PT0.2S");
    assertFalse(one.restored(), "no snapshot yet: the normal load");
    store.insert(new NewReport("speeding", Status.CONFIRMED, new LonLat(20.055, 50.105),
        Instant.parse("2025-12-31T10:15:30Z"), null, null, null, Source.OFFICER, Teryt.ofMunicipality("1261011"),
        null, null, false), "test");
    long changed = store.lastChangeSeq();
    long deadline = System.currentTimeMillis() + 20_000;
    while (stampedSeq() < changed) {
      if (System.currentTimeMillis() > deadline) {
        fail("no snapshot at change-log position " + changed + " within 20 s (have " + stampedSeq() + ")");
      }
      Thread.sleep(50);
    }
    one.close();
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(snapshots.file())), "police counts: readable by the owner only");
    try (var left = Files.list(snapshots.file().getParent())) {
      assertEquals(List.of(snapshots.file().getFileName().toString()),
          left.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
    }
    Report removed = store.list(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, 700, 1).items().get(0);
    store.softDelete(removed.id(), removed.version(), ADMIN, "test");
    long stamped = Files.getLastModifiedTime(snapshots.file()).toMillis();
    StatisticsFollower second = follower(store);
    StatisticsService two = service(second, "PT1H");
    closing.add(two::close);
    assertTrue(two.restored(), "restored from the snapshot");
    StatisticsFollower fresh = loaded();
    assertEquals(fresh.lastSeq(), second.lastSeq(), "caught up past the deletion");
    assertSameAnswers(fresh.index(), second.index());
    assertEquals(stamped, Files.getLastModifiedTime(snapshots.file()).toMillis(), "not rewritten before its interval");
  }

  /** The change-log position the snapshot file on disk covers, -1 when there is none yet. */
  long stampedSeq() throws IOException {
    if (!Files.isRegularFile(snapshots.file())) {
      return -1;
    }
    try (FileChannel ch = FileChannel.open(snapshots.file(), StandardOpenOption.READ)) {
      return StatisticsSnapshotFile.readStamp(new SnapshotInput(ch)).seq();
    }
  }

  StatisticsService service(StatisticsFollower f, String interval) throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    args.add("--index.snapshot-dir=" + snapshots.file().getParent());
    args.add("--index.snapshot-interval=" + interval);
    Readiness readiness = new Readiness();
    StatisticsService s = new StatisticsService(ConfigLoader.load(args, Map.of()), store, f, readiness,
        () -> BOUNDARIES, snapshots).start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (!readiness.isReady()) {
      if (!readiness.failures().isEmpty() || System.currentTimeMillis() > deadline) {
        fail("statistics not ready: " + readiness.failures() + " " + readiness.pending());
      }
      Thread.sleep(10);
    }
    return s;
  }

  /** Every level × breakdown × period, for the police and the public, over the fixture's years. */
  static List<StatisticsQuery> everyQuery() {
    List<StatisticsQuery> out = new ArrayList<>();
    for (boolean police : new boolean[] {true, false}) {
      for (AreaLevel level : AreaLevel.values()) {
        for (Breakdown by : Breakdown.values()) {
          for (Period period : Period.values()) {
            LocalDate from = switch (period) {
              case DAY -> LocalDate.of(2025, 10, 1);
              case WEEK -> LocalDate.of(2024, 1, 1);
              case ALL -> null;
              default -> LocalDate.of(2016, 1, 1);
            };
            out.add(new StatisticsQuery(police, level, Set.of(), Set.of(), by, Set.of(), period, from,
                from == null ? null : LocalDate.of(2025, 12, 31)));
          }
        }
      }
    }
    return out;
  }

  static void assertSameAnswers(StatisticsIndex expected, StatisticsIndex actual) {
    int rows = 0;
    for (StatisticsQuery q : everyQuery()) {
      List<String> want = render(expected.query(q, NOW));
      assertEquals(want, render(actual.query(q, NOW)), q.toString());
      rows += want.size();
    }
    assertTrue(rows > 10_000, "compared " + rows + " rows");
  }

  static List<String> render(List<StatisticsRow> rows) {
    return StatisticsStoreContract.render(rows);
  }
}
