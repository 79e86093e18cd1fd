package pl.kmzb.boundary;

import java.util.concurrent.atomic.AtomicReference;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.BoundaryStore;

/**
 * The boundary index the server assigns TERYT codes with, loaded from the store at start and
 * swapped whole when boundaries are imported, so ingest never sees a half-built index.
 */
public final class TerytAssigner {
  private final BoundaryStore store;
  private final AtomicReference<BoundaryIndex> index = new AtomicReference<>(BoundaryIndex.EMPTY);

  public TerytAssigner(BoundaryStore store) {
    this.store = store;
  }

  /** Reads every stored boundary into a new index and starts using it. */
  public TerytAssigner reload() {
    index.set(BoundaryIndex.of(store.all()));
    return this;
  }

  /** Starts using {@code next} (a reload built elsewhere). */
  public void use(BoundaryIndex next) {
    index.set(next);
  }

  public Teryt assign(LonLat point) {
    return index.get().assign(point);
  }

  public BoundaryIndex index() {
    return index.get();
  }
}
