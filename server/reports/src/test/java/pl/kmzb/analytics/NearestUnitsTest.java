package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.UnitType;

class NearestUnitsTest {
  static final CrsTransform TO_2180 = CrsRegistry.standard().fromLonLat(CrsRegistry.standard().require("EPSG:2180"));

  /** The index's nearest unit and the radius test against brute force over every unit. */
  @Test
  void nearestAndWithinEqualBruteForce() {
    Random random = new Random(11);
    List<PoliceUnit> units = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      units.add(new PoliceUnit("KP-" + i, "Komisariat " + i, UnitType.KP,
          new LonLat(14.5 + random.nextDouble() * 9, 49.3 + random.nextDouble() * 5), Set.of("1261")));
    }
    NearestUnits index = new NearestUnits(units, TO_2180);
    for (int q = 0; q < 500; q++) {
      double[] p = TO_2180.apply(14.5 + random.nextDouble() * 9, 49.3 + random.nextDouble() * 5);
      double best = Double.MAX_VALUE;
      String code = null;
      for (NearestUnits.Site s : index.sites()) {
        double d = Math.hypot(s.x() - p[0], s.y() - p[1]);
        if (d < best) {
          best = d;
          code = s.unit().code();
        }
      }
      NearestUnits.Nearest n = index.nearest(p[0], p[1]);
      assertEquals(code, n.unit().code());
      assertEquals(best, n.metres(), 1e-6);
      assertEquals(best <= 20_000, index.anyWithin(p[0], p[1], 20_000));
      assertEquals(best <= 5_000, index.anyWithin(p[0], p[1], 5_000));
    }
  }

  @Test
  void noUnitsNoNearest() {
    NearestUnits none = new NearestUnits(List.of(), TO_2180);
    assertNull(none.nearest(500_000, 400_000));
    assertEquals(false, none.anyWithin(500_000, 400_000, 5_000));
  }
}
