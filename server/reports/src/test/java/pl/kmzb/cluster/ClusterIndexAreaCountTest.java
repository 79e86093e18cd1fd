package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Teryt;

/** Counts per area (the WMS choropleth) against counting the entries one by one, for each filter. */
class ClusterIndexAreaCountTest {
  @Test
  void countsPerAreaMatchTheEntriesForEveryFilterAndLevel() {
    AreaTable areas = ClusterIndexTest.freshAreas();
    List<IndexEntry> entries = ClusterIndexTest.entries(3, 5_000, 1, areas);
    ClusterIndex index = ClusterIndexTest.built(ClusterSettings.DEFAULT, entries);
    for (ReportFilter f : ClusterIndexTest.filters(11)) {
      Predicate<IndexEntry> oracle = ClusterIndexTest.oracleFilter(f);
      IndexFilter compiled = IndexFilter.compile(f, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
      for (int length : new int[] {2, 4, 7}) {
        Map<String, Integer> expected = new HashMap<>();
        for (IndexEntry e : entries) {
          String code = code(ClusterIndexTest.areaOf(e), length);
          if (code != null && oracle.test(e)) {
            expected.merge(code, 1, Integer::sum);
          }
        }
        assertEquals(expected, index.countByArea(compiled, length), "level " + length + ", " + f);
      }
    }
    assertTrue(index.countByArea(IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS), 2).get("12") > 0);
    assertThrows(IllegalArgumentException.class, () -> index.countByArea(IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS), 3));
  }

  private static String code(Teryt t, int length) {
    return switch (length) {
      case 2 -> t.voivodeship();
      case 4 -> t.county();
      default -> t.municipality();
    };
  }
}
