package pl.kmzb.unit;

import java.util.List;
import java.util.function.Supplier;

/**
 * The police units a server holds in memory: the one list every output reads (the map's unit layer,
 * the unit tiles, the WFS / OGC API unit collection, the coverage analyses, statistics by unit).
 * Loaded at start and swapped whole by the reference reloader when an import moves the units'
 * version, so an import reaches every output within one {@code reference.poll-interval}, all at
 * once, and no request reads the table (a map's cache key asks {@link #version()} on the network
 * thread, which must never wait for the database).
 */
public final class CurrentUnits implements Supplier<List<PoliceUnit>> {
  /** A list and the store's version of the units it was read at. */
  private record Loaded(List<PoliceUnit> units, long version) {}

  private volatile Loaded loaded = new Loaded(List.of(), -1);

  /** The units in use (never null; empty before the first load and when none were imported). */
  @Override
  public List<PoliceUnit> get() {
    return loaded.units();
  }

  /** The store's version of the units in use ({@code -1} before the first load): moves with every import. */
  public long version() {
    return loaded.version();
  }

  /** Starts using {@code units}, read at {@code version}. */
  public void use(List<PoliceUnit> units, long version) {
    loaded = new Loaded(List.copyOf(units), version);
  }
}
