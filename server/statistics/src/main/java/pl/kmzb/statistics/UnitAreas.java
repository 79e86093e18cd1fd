package pl.kmzb.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import pl.kmzb.unit.PoliceUnit;

/**
 * The police units and the TERYT codes each serves, for {@code level=police-unit}: read from the
 * store at most every {@link #TTL} (a few hundred rows; an import of units reaches the statistics
 * within that time), not once per request.
 */
final class UnitAreas implements Supplier<Map<String, Set<String>>> {
  static final Duration TTL = Duration.ofSeconds(10);

  private final Supplier<List<PoliceUnit>> source;
  private final Clock clock;
  private Map<String, Set<String>> current;
  private Instant readAt = Instant.MIN;

  UnitAreas(Supplier<List<PoliceUnit>> source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  @Override
  public synchronized Map<String, Set<String>> get() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(readAt.plus(TTL))) {
      Map<String, Set<String>> m = new TreeMap<>();
      for (PoliceUnit u : source.get()) {
        m.put(u.code(), Set.copyOf(u.areas()));
      }
      current = Map.copyOf(m);
      readAt = now;
    }
    return current;
  }
}
