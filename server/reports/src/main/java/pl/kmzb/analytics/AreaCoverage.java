package pl.kmzb.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pl.kmzb.unit.PoliceUnit;

/**
 * Confirmed threats per area against the police units that serve it, and how far each threat lies
 * from the nearest unit (any unit, wherever it is: the nearest help does not stop at a border).
 * Threats are added one at a time as the scan reads them; memory is one row per area.
 */
public final class AreaCoverage {
  /**
   * One area's row. {@code units} counts the units whose served areas overlap this one (a unit
   * serving the whole area or a part of it, or a wider area holding it); {@code threatsPerUnit} is
   * null without any. Distances are metres to the nearest unit; {@code beyondRadius} counts threats
   * farther than the radius.
   */
  public record Row(String area, long threats, int units, Double threatsPerUnit, double meanMetres,
      double maxMetres, long beyondRadius) {}

  /** Threats without TERYT codes (before boundaries were imported) are summed under this area code. */
  public static final String NO_AREA = "none";

  private static final class Sums {
    long threats;
    double metres;
    double max;
    long beyond;
  }

  private final AreaLevel level;
  private final double radius;
  private final List<PoliceUnit> units;
  private final Map<String, Sums> byArea = new TreeMap<>();

  public AreaCoverage(AreaLevel level, double radius, List<PoliceUnit> units) {
    this.level = level;
    this.radius = radius;
    this.units = units;
  }

  /** One threat in {@code area} (null: none) at {@code metres} from its nearest unit (NaN: no units at all). */
  public void add(String area, double metres) {
    Sums s = byArea.computeIfAbsent(area == null ? NO_AREA : area, a -> new Sums());
    s.threats++;
    if (!Double.isNaN(metres)) {
      s.metres += metres;
      s.max = Math.max(s.max, metres);
      if (metres > radius) {
        s.beyond++;
      }
    } else {
      s.beyond++;
    }
  }

  public AreaLevel level() {
    return level;
  }

  public double radius() {
    return radius;
  }

  /** The rows by area code. */
  public List<Row> rows() {
    List<Row> out = new ArrayList<>();
    byArea.forEach((area, s) -> {
      int n = NO_AREA.equals(area) ? 0 : unitsServing(area);
      boolean measured = !units.isEmpty();
      out.add(new Row(area, s.threats, n, n == 0 ? null : (double) s.threats / n,
          measured ? s.metres / s.threats : Double.NaN, measured ? s.max : Double.NaN, s.beyond));
    });
    return out;
  }

  int unitsServing(String area) {
    int n = 0;
    for (PoliceUnit u : units) {
      if (u.areas().stream().anyMatch(a -> a.startsWith(area) || area.startsWith(a))) {
        n++;
      }
    }
    return n;
  }
}
