package pl.kmzb.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import pl.kmzb.report.Teryt;

/**
 * The distinct TERYT triples of indexed reports (a few thousand: one per municipality at most), so
 * an entry stores a short index instead of three strings, and an area filter becomes one boolean
 * lookup per report. Only ever grows; indexes stay valid.
 */
final class AreaTable {
  static final int MAX = Short.MAX_VALUE;

  private final Map<Teryt, Integer> indexes = new HashMap<>();
  private volatile Teryt[] areas = new Teryt[0];

  synchronized int indexOf(Teryt teryt) {
    Integer i = indexes.get(teryt);
    if (i != null) {
      return i;
    }
    if (areas.length >= MAX) {
      throw new IllegalStateException("more than " + MAX + " distinct TERYT areas");
    }
    Teryt[] grown = java.util.Arrays.copyOf(areas, areas.length + 1);
    grown[areas.length] = teryt;
    indexes.put(teryt, areas.length);
    areas = grown;
    return grown.length - 1;
  }

  /** Every area, numbered as entries number them. */
  Teryt[] all() {
    return areas;
  }

  /** The code of area {@code index} at a level (code length 2, 4 or 7), or null if it has none there. */
  String codeOf(int index, int codeLength) {
    Teryt[] snapshot = areas;
    if (index >= snapshot.length) {
      return null;
    }
    Teryt t = snapshot[index];
    return switch (codeLength) {
      case 2 -> t.voivodeship();
      case 4 -> t.county();
      case 7 -> t.municipality();
      default -> throw new IllegalArgumentException("TERYT codes have 2, 4 or 7 digits, not " + codeLength);
    };
  }

  /** For each index, whether its area lies in any of {@code codes}; null when there is no area filter. */
  boolean[] matching(Set<String> codes) {
    if (codes.isEmpty()) {
      return null;
    }
    Teryt[] snapshot = areas;
    boolean[] out = new boolean[snapshot.length];
    for (int i = 0; i < snapshot.length; i++) {
      Teryt t = snapshot[i];
      out[i] = codes.stream().anyMatch(t::within);
    }
    return out;
  }
}
