package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.cluster.IndexFilter;
import pl.kmzb.cluster.TestIndexes;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.VisibilityPolicy;

/** Counts per area: recomputed by the map that finds them stale, or ahead in the background. */
class AreaCountsTest {
  private static final Teryt WEST = Teryt.ofMunicipality("3064011");
  private final VisibilityPolicy policy = new VisibilityPolicy(RenderFixtures.CATALOG, p -> Teryt.NONE);
  private final TestIndexes.Built built = TestIndexes.synthetic(RenderFixtures.CATALOG, policy, 2_000, 7,
      (lon, lat) -> lon < 19 ? WEST : Teryt.NONE);
  private final IndexFilter all = IndexFilter.compile(policy.parse(Map.of()), built.points().categoryOrder(),
      built.points().matrixSet());

  @Test
  void withoutTheRefresherAStaleCountIsRecomputedByTheMap() {
    AreaCounts counts = new AreaCounts(built.index());
    int before = counts.get(all, BoundaryLevel.VOIVODESHIP).get("30");
    TestIndexes.add(built, 10_000_001, 17.0, 52.4, WEST);
    assertEquals(before + 1, counts.get(all, BoundaryLevel.VOIVODESHIP).get("30"));
    assertEquals(0, counts.version());
  }

  @Test
  void withTheRefresherMapsNeverWaitAndTheCountsFollowTheIndex() throws Exception {
    AreaCounts counts = new AreaCounts(built.index());
    try (AutoCloseable refresher = counts.keepCurrent()) {
      Map<String, Integer> first = counts.get(all, BoundaryLevel.COUNTY);
      int before = first.get("3064");
      TestIndexes.add(built, 10_000_002, 17.0, 52.4, WEST);
      // Straight after the change a map takes the counts it has (no pass over the index while it waits).
      assertSame(first, counts.get(all, BoundaryLevel.COUNTY));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (counts.get(all, BoundaryLevel.COUNTY).get("3064") == before && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(before + 1, counts.get(all, BoundaryLevel.COUNTY).get("3064"), "recomputed in the background");
      assertNotEquals(0, counts.version(), "maps drawn with the old counts are no longer current");
    }
  }
}
