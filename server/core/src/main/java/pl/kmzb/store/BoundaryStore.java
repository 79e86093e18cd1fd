package pl.kmzb.store;

import java.util.List;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;

/** Administrative boundaries, kept in the report database so every server loads the same ones. */
public interface BoundaryStore {
  /** Replaces every boundary of {@code level} with {@code boundaries}, in one transaction. */
  void replace(BoundaryLevel level, List<Boundary> boundaries);

  /** Every stored boundary, ordered by code. */
  List<Boundary> all();
}
