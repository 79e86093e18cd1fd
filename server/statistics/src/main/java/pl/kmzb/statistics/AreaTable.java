package pl.kmzb.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.report.Teryt;

/**
 * The distinct TERYT code triples reports lie in, numbered so a report stores its areas in one
 * {@code char}: a few thousand municipalities (and the coarser triples of reports whose codes stop
 * at a county or voivodeship) fit with room to spare. Index 0 is "no codes".
 */
final class AreaTable {
  /** The public-area value of a report the public does not see. */
  static final char NOT_PUBLIC = Character.MAX_VALUE;

  private final Map<Teryt, Character> index = new HashMap<>();
  private final List<Teryt> areas = new ArrayList<>();

  AreaTable() {
    intern(Teryt.NONE);
  }

  char intern(Teryt t) {
    Character known = index.get(t);
    if (known != null) {
      return known;
    }
    if (areas.size() >= NOT_PUBLIC) {
      throw new IllegalStateException("more than " + (int) NOT_PUBLIC + " distinct TERYT triples");
    }
    char next = (char) areas.size();
    areas.add(t);
    index.put(t, next);
    return next;
  }

  Teryt at(int i) {
    return areas.get(i);
  }

  int size() {
    return areas.size();
  }
}
