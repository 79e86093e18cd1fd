package pl.kmzb.statistics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import pl.kmzb.unit.PoliceUnit;

/**
 * The police units and the TERYT codes each serves, for {@code level=police-unit}: made from the
 * server's one list of units ({@link pl.kmzb.unit.CurrentUnits}) once per list, that is once per
 * import, not once per request.
 */
final class UnitAreas implements Supplier<Map<String, Set<String>>> {
  private record Made(List<PoliceUnit> from, Map<String, Set<String>> areas) {}

  private final Supplier<List<PoliceUnit>> units;
  private volatile Made made = new Made(null, Map.of());

  UnitAreas(Supplier<List<PoliceUnit>> units) {
    this.units = units;
  }

  @Override
  public Map<String, Set<String>> get() {
    List<PoliceUnit> now = units.get();
    Made m = made;
    if (m.from() != now) { // a reload swaps in a new list
      Map<String, Set<String>> areas = new TreeMap<>();
      for (PoliceUnit u : now) {
        areas.put(u.code(), Set.copyOf(u.areas()));
      }
      m = new Made(now, Map.copyOf(areas));
      made = m;
    }
    return m.areas();
  }
}
