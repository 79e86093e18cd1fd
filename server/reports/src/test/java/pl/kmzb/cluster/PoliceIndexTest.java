package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The parts of the police index that the public one lacks: every status and the source in tiles,
 * the take-up deadline stamping exactly the tiles of a report when it passes, and variant keys that
 * separate roles, scopes, statuses and sources.
 */
class PoliceIndexTest {
  static final WebMercatorQuad TMS = WebMercatorQuad.INSTANCE;
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final long DEADLINE = IndexFilter.nanos(T0.plus(Report.TAKE_UP_DEADLINE));
  final CategoryCatalog catalog = CategoryCatalog.load(null);

  static IndexEntry entry(long id, double lon, double lat, Status status, Source source, Instant at) {
    return new IndexEntry(id, TMS.worldX(lon, lat), TMS.worldY(lon, lat), 0, status.ordinal(), source.ordinal(),
        IndexFilter.nanos(at), 0);
  }

  static TileCoord tileOf(double lon, double lat, int z) {
    int s = Morton.LEVELS - z;
    return new TileCoord(z, TMS.worldX(lon, lat) >>> s, TMS.worldY(lon, lat) >>> s);
  }

  ClusterIndex police(List<IndexEntry> entries) {
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
    EntryColumns cols = new EntryColumns(entries.size());
    entries.forEach(cols::add);
    index.build(cols);
    return index;
  }

  IndexFilter all(ClusterIndex index) {
    PolicePoints points = new PolicePoints(catalog, TMS, index);
    return IndexFilter.compile(new FilterParser(catalog).parse(Map.of()), points.categoryOrder(), TMS,
        points.statuses());
  }

  @Test
  void everyStatusAndTheSourceReachTheTiles() {
    List<IndexEntry> entries = new ArrayList<>();
    Status[] statuses = Status.values();
    for (int i = 0; i < statuses.length; i++) {
      entries.add(entry(i + 1, 19.90 + i * 0.02, 50.05, statuses[i], Source.values()[i % Source.values().length], T0));
    }
    ClusterIndex index = police(entries);
    IndexFilter all = all(index);
    assertTrue(all.isDefault(), "asking for every status keeps nothing out of the police index");
    List<ClusterFeature> z0 = index.tile(new TileCoord(0, 0, 0), all).features();
    assertEquals(1, z0.size());
    for (Status s : statuses) {
      assertEquals(1, z0.get(0).statuses()[s.ordinal()], s.code());
    }
    for (IndexEntry e : entries) {
      for (int z : new int[] {14, 16}) {
        ClusterFeature single = index.tile(tileOf(19.90 + (e.id() - 1) * 0.02, 50.05, z), all).features().stream()
            .filter(f -> f.count() == 1 && f.id() == e.id()).findFirst().orElseThrow();
        assertEquals(e.source(), single.source(), "source of report " + e.id() + " at zoom " + z);
        assertEquals(e.status(), single.status());
      }
    }
    ClusterIndex publicIndex = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    EntryColumns cols = new EntryColumns(1);
    cols.add(entries.get(0));
    publicIndex.build(cols);
    assertEquals(-1, publicIndex.tile(tileOf(19.90, 50.05, 16), all).features().get(0).source(),
        "the public index hands out no source");
  }

  @Test
  void aReportPassingItsDeadlineStampsItsTilesOnlyThen() {
    ClusterIndex index = police(List.of(entry(1, 19.95, 50.05, Status.NEW, Source.CITIZEN, T0),
        entry(2, 21.0, 52.2, Status.NEW, Source.CITIZEN, T0.plus(Duration.ofHours(1))),
        entry(3, 18.6, 54.3, Status.VERIFICATION, Source.CITIZEN, T0)));
    index.passDeadlines(DEADLINE - 1_000);
    TileCoord krakow = tileOf(19.95, 50.05, 12);
    TileCoord warsaw = tileOf(21.0, 52.2, 12);
    long krakowBefore = index.stamp(krakow);
    long warsawBefore = index.stamp(warsaw);
    TileClusters before = index.tile(krakow, all(index));
    assertFalse(PoliceTileLayer.pastDeadline(before.features().get(0), before.deadlinesAt()));

    assertEquals(0, index.passDeadlines(DEADLINE), "exactly 72 hours is not yet past the deadline");
    assertEquals(1, index.passDeadlines(DEADLINE + 1));
    assertTrue(index.stamp(krakow) > before.version(), "a cached tile of the report is stale");
    assertTrue(index.stamp(krakow) > krakowBefore);
    assertEquals(warsawBefore, index.stamp(warsaw), "a report an hour younger is not touched");
    TileClusters after = index.tile(krakow, all(index));
    assertTrue(PoliceTileLayer.pastDeadline(after.features().get(0), after.deadlinesAt()));
    assertEquals(0, index.passDeadlines(DEADLINE + 2), "a deadline passes once");
  }

  @Test
  void aBuildKeepsOnlyDeadlinesStillAheadAndShowsTheRestPastAtOnce() {
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
    EntryColumns cols = new EntryColumns(3);
    cols.add(entry(1, 19.95, 50.05, Status.NEW, Source.CITIZEN, T0.minus(Duration.ofDays(30))));
    cols.add(entry(2, 21.0, 52.2, Status.NEW, Source.CITIZEN, T0));
    cols.add(entry(3, 18.6, 54.3, Status.VERIFICATION, Source.CITIZEN, T0.minus(Duration.ofDays(30))));
    long now = DEADLINE - 1_000;
    index.build(cols, now);
    assertEquals(1, index.deadlineEntries(), "only the report whose deadline lies ahead waits in the heap");
    TileClusters old = index.tile(tileOf(19.95, 50.05, 12), all(index));
    assertTrue(PoliceTileLayer.pastDeadline(old.features().get(0), old.deadlinesAt()),
        "a report past its deadline at the build is shown so before any pass");
    TileClusters young = index.tile(tileOf(21.0, 52.2, 12), all(index));
    assertFalse(PoliceTileLayer.pastDeadline(young.features().get(0), young.deadlinesAt()));
    assertEquals(0, index.passDeadlines(now), "nothing to pop for the reports already past");
    TileCoord warsaw = tileOf(21.0, 52.2, 12);
    long stamp = index.stamp(warsaw);
    assertEquals(1, index.passDeadlines(DEADLINE + 1));
    assertTrue(index.stamp(warsaw) > stamp);
  }

  @Test
  void aReportLeavingNewBeforeItsDeadlineNeverPasses() {
    ClusterIndex index = police(List.of(entry(1, 19.95, 50.05, Status.NEW, Source.CITIZEN, T0)));
    index.put(entry(1, 19.95, 50.05, Status.VERIFICATION, Source.CITIZEN, T0));
    TileCoord t = tileOf(19.95, 50.05, 12);
    long stamp = index.stamp(t);
    assertEquals(0, index.passDeadlines(DEADLINE + 1));
    assertEquals(stamp, index.stamp(t));
    index.put(entry(2, 19.96, 50.05, Status.NEW, Source.OFFICER, T0.minus(Duration.ofDays(10))));
    assertEquals(1, index.passDeadlines(DEADLINE + 2), "an old report inserted in status new passes at the next pass");
  }

  @Test
  void theDeadlineHeapGivesDeadlinesInOrder() {
    DeadlineHeap heap = new DeadlineHeap();
    Random rnd = new Random(7);
    List<Long> want = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      long d = rnd.nextInt(1_000);
      heap.push(d, i);
      want.add(d);
    }
    want.sort(null);
    for (long d : want) {
      assertEquals(d, heap.peekDeadline());
      heap.pop();
    }
    assertTrue(heap.isEmpty());
  }

  @Test
  void variantKeysSeparateRolesScopesStatusesAndSources() {
    ClusterIndex index = police(List.of());
    PoliceTileLayer layer = new PoliceTileLayer(index, new PolicePoints(catalog, TMS, index), new FilterParser(catalog));
    Actor officer = new Actor("o", Role.OFFICER, Set.of("1261"));
    Actor otherOfficer = new Actor("p", Role.OFFICER, Set.of("1465"));
    Actor admin = new Actor("a", Role.ADMINISTRATOR, Set.of());
    Map<String, List<String>> none = Map.of();
    Map<String, List<String>> mine = Map.of("mine", List.of("true"));
    assertNotEquals(key(layer, none, officer), key(layer, none, admin), "roles never share a cache entry");
    assertEquals(key(layer, none, officer), key(layer, none, otherOfficer), "one role, one unscoped tile");
    assertNotEquals(key(layer, mine, officer), key(layer, mine, otherOfficer), "mine is the caller's own areas");
    assertNotEquals(key(layer, Map.of("status", List.of("not_confirmed")), admin),
        key(layer, Map.of("status", List.of("joke_or_mistake")), admin), "non-public statuses are told apart");
    assertNotEquals(key(layer, Map.of("source", List.of("officer")), admin), key(layer, none, admin));
    assertEquals(key(layer, Map.of("category", List.of("speeding,illegal_parking")), admin),
        key(layer, Map.of("category", List.of("illegal_parking,speeding")), admin), "reworded, one key");
    assertEquals(key(layer, none, admin), key(layer, mine, admin), "administrators have no area limit");
    assertThrows(FilterException.class, () -> layer.variant(Map.of("mine", List.of("true"), "area", List.of("14")),
        officer));
    assertThrows(pl.kmzb.http.ApiException.class, () -> layer.variant(Map.of("zoom", List.of("1")), admin));
  }

  static String key(TileLayer layer, Map<String, List<String>> q, Actor caller) {
    return layer.variant(q, caller).key();
  }

  @Test
  void policePointsPlaceEveryReportThatIsNotDeletedAtItsSpot() {
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
    PolicePoints points = new PolicePoints(catalog, TMS, index);
    String generalised = catalog.all().stream().filter(c -> c.rules().generaliseLocationM() > 0).findFirst()
        .orElseThrow().code();
    LonLat spot = new LonLat(19.9512345, 50.0512345);
    Report r = new Report(9, generalised, Status.NOT_CONFIRMED, spot, T0, null, null, "x", false, Source.OFFICER,
        Teryt.ofMunicipality("1261011"), null, false, null, false, T0, 1);
    IndexEntry e = points.entryOf(r);
    assertEquals(TMS.worldX(spot.lon(), spot.lat()), e.x(), "the exact position, never the generalised one");
    assertEquals(TMS.worldY(spot.lon(), spot.lat()), e.y());
    assertEquals(Source.OFFICER.ordinal(), e.source());
    assertEquals(Status.NOT_CONFIRMED.ordinal(), e.status());
    Report deleted = new Report(10, generalised, Status.CONFIRMED, spot, T0, null, null, "x", false, Source.OFFICER,
        Teryt.NONE, null, true, null, false, T0, 2);
    assertEquals(null, points.entryOf(deleted));
  }
}
