package pl.kmzb.wms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.PoliceUnitStore;

/**
 * The police units the map draws, read from the store at most once per {@code refresh} (the
 * reference poll interval): units change only by import, and a map must not query the database.
 * {@link #version()} changes when the units do, for the image cache.
 */
final class PoliceUnitsSource implements Supplier<List<PoliceUnit>> {
  private record Loaded(List<PoliceUnit> units, int hash, Instant at) {}

  private final PoliceUnitStore store;
  private final Duration refresh;
  private final Clock clock;
  private volatile Loaded loaded;

  PoliceUnitsSource(PoliceUnitStore store, Duration refresh, Clock clock) {
    this.store = store;
    this.refresh = refresh;
    this.clock = clock;
  }

  @Override
  public List<PoliceUnit> get() {
    return current().units();
  }

  int version() {
    return current().hash();
  }

  private Loaded current() {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (l == null || now.isAfter(l.at().plus(refresh))) {
      synchronized (this) {
        l = loaded;
        if (l == null || now.isAfter(l.at().plus(refresh))) {
          List<PoliceUnit> units = List.copyOf(store.all());
          l = new Loaded(units, units.hashCode(), now);
          loaded = l;
        }
      }
    }
    return l;
  }
}
