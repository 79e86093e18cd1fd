package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.filter.ReportFilter;
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
import pl.kmzb.testing.TestReports;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The cluster indexes' local snapshot on a real store: restored indexes draw the same tiles, byte
 * for byte, as indexes loaded from the store; a change made while no server ran reaches the tiles
 * after a restore; and a damaged, cut, or foreign snapshot is refused so the normal load runs.
 */
abstract class IndexSnapshotContract {
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  static final WebMercatorQuad TMS = WebMercatorQuad.INSTANCE;
  /** The test reports lie on a lattice around Kraków (see TestReports). */
  static final double[] AREA = {19.90, 50.00, 20.20, 50.20};
  static final String BOUNDARIES = "no boundaries";

  @TempDir Path dir;
  final CategoryCatalog catalog = CategoryCatalog.load(null);
  final VisibilityPolicy policy = new VisibilityPolicy(catalog, p -> Teryt.NONE);
  final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  ReportStore store;
  IndexSnapshots snapshots;
  final List<AutoCloseable> closing = new ArrayList<>();

  abstract ReportStore openStore();

  /** Another, empty database of the same kind. */
  abstract ReportStore openOtherStore();

  abstract List<String> storeArgs();

  abstract void directSql(String sql) throws SQLException;

  /** A public index and a police index kept by one follower, as a server with tiles.police-index keeps them. */
  record Kept(ClusterIndex publicIndex, PublicPoints publicPoints, ClusterIndex police, PolicePoints policePoints,
      IndexFollower follower) {}

  Kept kept(ReportStore on, boolean withPolice) {
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    PublicPoints points = new PublicPoints(catalog, policy, TMS, index);
    List<IndexFollower.Target> targets = new ArrayList<>(List.of(new IndexFollower.Target(index, points)));
    ClusterIndex police = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
    PolicePoints policePoints = new PolicePoints(catalog, TMS, police);
    if (withPolice) {
      targets.add(new IndexFollower.Target(police, policePoints));
    }
    return new Kept(index, points, police, policePoints, new IndexFollower(on, targets, clock));
  }

  Kept kept() {
    return kept(store, true);
  }

  @BeforeEach
  void open() {
    store = openStore();
    store.insertAll(TestReports.random(7, 3_000), "test");
    snapshots = new IndexSnapshots(dir.resolve("snapshots").resolve("cluster-index.snapshot"), store, catalog);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    store.close();
  }

  Kept loadedAndSaved() {
    Kept a = kept();
    a.follower().load();
    assertTrue(snapshots.save(a.follower(), BOUNDARIES) > 0, "a snapshot is written");
    return a;
  }

  @Test
  void restoredIndexesDrawTheSameTilesAsAFreshLoad() {
    Kept a = loadedAndSaved();
    Kept b = kept();
    assertTrue(snapshots.restore(b.follower(), BOUNDARIES));
    assertEquals(a.follower().lastSeq(), b.follower().lastSeq());
    assertEquals(a.publicIndex().size(), b.publicIndex().size());
    assertEquals(a.police().size(), b.police().size());
    assertTrue(a.publicIndex().size() > 500 && a.police().size() > a.publicIndex().size(), "fixture covers both");
    assertSameTiles(a, b);
  }

  @Test
  void aChangeMadeWhileNoServerRanIsAppliedAfterARestore() {
    loadedAndSaved();
    Report added = store.insert(new NewReport("illegal_parking", Status.CONFIRMED, new LonLat(19.955, 50.065),
        Instant.parse("2025-05-04T10:15:30Z"), null, null, null, Source.OFFICER, Teryt.ofMunicipality("1261011"),
        null, null, false), "test");
    Report shown = publicReports().get(0);
    store.changeStatus(shown.id(), shown.version(), new StatusChange(ADMIN, Status.JOKE_OR_MISTAKE, "test"));
    Report removed = publicReports().get(1);
    store.softDelete(removed.id(), removed.version(), ADMIN, "test");
    Kept b = kept();
    assertTrue(snapshots.restore(b.follower(), BOUNDARIES));
    b.follower().catchUp();
    Kept fresh = kept();
    fresh.follower().load();
    assertSameTiles(fresh, b);
    assertTrue(inPublicTiles(b, added), "the report added while down is in the tiles");
    assertFalse(inPublicTiles(b, shown), "the report hidden while down has left them");
    assertFalse(inPublicTiles(b, removed), "the report deleted while down has left them");
  }

  @Test
  void aDamagedSnapshotIsRefusedAndTheNormalLoadServes() throws IOException {
    Kept a = loadedAndSaved();
    byte[] good = Files.readAllBytes(snapshots.file());
    List<byte[]> damaged = new ArrayList<>();
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10; // inside the entries
    damaged.add(flipped);
    byte[] lastPart = good.clone();
    lastPart[good.length - 100] ^= 0x10; // in the police index's section: the public one's reads well
    damaged.add(lastPart);
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
      Kept b = kept();
      assertFalse(snapshots.restore(b.follower(), BOUNDARIES), "a damaged snapshot of " + bytes.length + " bytes");
      assertFalse(b.publicIndex().isLoaded(), "nothing of it reaches the index");
      b.follower().load();
      assertEquals(a.publicIndex().size(), b.publicIndex().size());
      assertEquals(a.police().size(), b.police().size());
    }
    Kept c = kept();
    assertFalse(snapshots.restore(c.follower(), BOUNDARIES));
    c.follower().load();
    assertSameTiles(a, c);
  }

  @Test
  void aSnapshotOfOtherDataOrSettingsIsRefused() throws SQLException {
    Kept a = loadedAndSaved();
    assertFalse(snapshots.restore(kept().follower(), "other boundaries"), "other boundaries");
    assertFalse(snapshots.restore(kept(store, false).follower(), BOUNDARIES), "another set of indexes");
    try (ReportStore other = openOtherStore()) {
      other.insertAll(TestReports.random(7, 3_000), "test");
      assertFalse(new IndexSnapshots(snapshots.file(), other, catalog).restore(kept(other, true).follower(), BOUNDARIES),
          "another database with the same reports");
    }
    assertTrue(snapshots.restore(kept().follower(), BOUNDARIES), "still good for its own database");
    // The change log no longer holds the entry the snapshot was taken at (the log was rebuilt).
    directSql("DELETE FROM report_change WHERE seq = " + a.follower().lastSeq());
    assertFalse(snapshots.restore(kept().follower(), BOUNDARIES), "a change log without its position");
  }

  @Test
  void aCleanShutdownLeavesASnapshotTheNextStartRestoresAndCatchesUpFrom() throws Exception {
    Kept a = kept();
    IndexService first = service(a);
    first.close();
    assertTrue(Files.isRegularFile(snapshots.file()), "written on close");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(snapshots.file())), "exact positions and sources: readable by the owner only");
    try (var left = Files.list(snapshots.file().getParent())) {
      assertEquals(List.of(snapshots.file().getFileName().toString()),
          left.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
    }
    long stamped = Files.getLastModifiedTime(snapshots.file()).toMillis();
    Report added = store.insert(new NewReport("speeding", Status.CONFIRMED, new LonLat(20.055, 50.105),
        Instant.parse("2025-05-04T10:15:30Z"), null, null, null, Source.OFFICER, Teryt.ofMunicipality("1261011"),
        null, null, false), "test");
    Kept b = kept();
    IndexService second = service(b);
    closing.add(second::close);
    assertTrue(inPublicTiles(b, added));
    assertEquals("passed", checked(second), "the restored content passes its check once ready");
    Kept fresh = kept();
    fresh.follower().load();
    assertSameTiles(fresh, b);
    assertEquals(stamped, Files.getLastModifiedTime(snapshots.file()).toMillis(), "not rewritten before its interval");
  }

  @Test
  void aSnapshotWhoseChecksumsHoldButWhoseContentIsWrongIsFoundOnceReadyAndTheIndexesLoadFromTheStore()
      throws Exception {
    loadedAndSaved();
    byte[] good = Files.readAllBytes(snapshots.file());
    // Files as a fault of the writer would leave them, every checksum right (written again from
    // indexes restored from the good one): one police entry's position no longer its Morton code;
    // the public index's Web Mercator cells counting a report twice.
    for (int wrong = 0; wrong < 2; wrong++) {
      Files.write(snapshots.file(), good);
      Kept bad = kept();
      try (var ch = java.nio.channels.FileChannel.open(snapshots.file())) {
        IndexSnapshotFile.Layout layout = IndexSnapshotFile.readLayout(ch);
        List<ClusterIndex> indexes = List.of(bad.publicIndex(), bad.police());
        for (int i = 0; i < 2; i++) {
          IndexSnapshotFile.Part part = IndexSnapshotFile.readPart(ch, layout.parts().get(i), indexes.get(i));
          PointChunk first = part.chunks().get(0);
          if (i == 1 && wrong == 0) {
            first.x[0] ^= 1 << 16; // about a kilometre: shows in the tiles
          } else if (i == 0 && wrong == 1) {
            part.cells().add(new IndexEntry(first.id[0], first.x[0], first.y[0], first.category[0], first.status[0],
                first.source[0], first.time[0], first.area[0]));
          }
          indexes.get(i).install(indexes.get(i).restored(part, 0));
        }
        IndexSnapshotFile.write(snapshots.file(), layout.stamp(), indexes);
      }
      Kept b = kept();
      assertTrue(snapshots.restore(kept().follower(), BOUNDARIES), "the file passes the restore's checks");
      IndexService s = service(b);
      closing.add(s::close);
      String check = checked(s);
      assertTrue(wrong == 0 ? check.startsWith("failed: entry 0 ") && check.contains("Morton code")
          : check.startsWith("failed: the cell ") && check.endsWith("is not its entries'"), check);
      Kept fresh = kept();
      fresh.follower().load();
      assertSameTiles(fresh, b);
    }
  }

  /** The service's check of restored content, waited for. */
  static String checked(IndexService s) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (s.snapshotCheck() == null) {
      if (System.currentTimeMillis() > deadline) {
        fail("the restored content was not checked");
      }
      Thread.sleep(10);
    }
    return s.snapshotCheck();
  }

  IndexService service(Kept k) throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    args.add("--index.snapshot-dir=" + snapshots.file().getParent());
    Readiness readiness = new Readiness();
    IndexService s = new IndexService(ConfigLoader.load(args, Map.of()), store, k.follower(), readiness,
        () -> BOUNDARIES, snapshots).start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (!readiness.isReady()) {
      if (!readiness.failures().isEmpty() || System.currentTimeMillis() > deadline) {
        fail("index not ready: " + readiness.failures() + " " + readiness.pending());
      }
      Thread.sleep(10);
    }
    return s;
  }

  List<Report> publicReports() {
    return store.list(policy.publicFilter(), 0, 2).items();
  }

  boolean inPublicTiles(Kept k, Report r) {
    int z = k.publicIndex().settings().maxZoom();
    int s = Morton.LEVELS - z;
    double lon = r.location().lon();
    double lat = r.location().lat();
    TileCoord t = new TileCoord(z, TMS.worldX(lon, lat) >>> s, TMS.worldY(lon, lat) >>> s);
    IndexFilter all = IndexFilter.compile(k.publicPoints().publicFilter(), k.publicPoints().categoryOrder(), TMS);
    return k.publicIndex().tile(t, all).features().stream().anyMatch(f -> f.count() == 1 && f.id() == r.id());
  }

  /**
   * Every tile over the test area at zooms 0-16 of both indexes: the public tiles as the threats
   * tileset encodes them (unfiltered, by category, by status), the police tiles feature by feature.
   */
  void assertSameTiles(Kept expected, Kept actual) {
    ThreatTileLayer want = new ThreatTileLayer(expected.publicIndex(), expected.publicPoints(), catalog);
    ThreatTileLayer got = new ThreatTileLayer(actual.publicIndex(), actual.publicPoints(), catalog);
    List<Map<String, List<String>>> queries = List.of(Map.of(), Map.of("category", List.of("speeding")),
        Map.of("status", List.of("confirmed")), Map.of("area", List.of("1261011")));
    IndexFilter police = IndexFilter.compile(ReportFilter.ALL_INTERNAL, expected.policePoints().categoryOrder(), TMS);
    int tiles = 0;
    for (int z = 0; z <= 16; z += z < 10 ? 2 : 1) {
      int s = Morton.LEVELS - z;
      for (int x = TMS.worldX(AREA[0], AREA[1]) >>> s; x <= TMS.worldX(AREA[2], AREA[3]) >>> s; x++) {
        for (int y = TMS.worldY(AREA[2], AREA[3]) >>> s; y <= TMS.worldY(AREA[0], AREA[1]) >>> s; y++) {
          TileCoord t = new TileCoord(z, x, y);
          for (Map<String, List<String>> q : queries) {
            assertArrayEquals(want.render(t, want.variant(q)).mvt(), got.render(t, got.variant(q)).mvt(),
                "public tile " + t + " " + q);
          }
          if (expected.police().isLoaded() || actual.police().isLoaded()) {
            assertEquals(describe(expected.police().tile(t, police)), describe(actual.police().tile(t, police)),
                "police tile " + t);
          }
          tiles++;
        }
      }
    }
    assertTrue(tiles > 100, "compared " + tiles + " tiles");
    // The grid aggregates (EPSG:2180, WorldCRS84Quad) are read from the snapshot, not built again.
    List<String> grids = expected.publicIndex().describeGrids();
    assertTrue(grids.size() > 100, grids.size() + " grid cells");
    assertEquals(grids, actual.publicIndex().describeGrids(), "the grid aggregates");
  }

  static List<String> describe(TileClusters tile) {
    return tile.features().stream().map(f -> List.of(f.id(), f.x(), f.y(), f.count(), f.expansionZoom(), f.category(),
        f.status(), f.time(), f.source()) + Arrays.toString(f.categories()) + Arrays.toString(f.statuses())).toList();
  }
}
