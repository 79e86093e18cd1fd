package pl.kmzb.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import pl.kmzb.report.NewReport;

/**
 * The rows of an import, handed over one at a time while a reader is still producing them, so a
 * store can write while the file is being read. {@link #next()} throws when the source turns out
 * to be bad (a bad row further down the file): the store then rolls back and rethrows, storing
 * nothing.
 */
public interface ImportRows {
  /** The next row, or null after the last one. */
  NewReport next();

  /**
   * About how many rows to expect, 0 if unknown. Stores pick their strategy by it (a load that
   * dwarfs the table is written differently from a trickle); correctness never depends on it.
   */
  default long expectedRows() {
    return 0;
  }

  /**
   * True when the source promises that no two rows share a source and external id (a file
   * importer that rejects repeats does): the store then skips only what is stored already, without
   * remembering every row. A broken promise fails the import on the unique index.
   */
  default boolean distinctExternalIds() {
    return false;
  }

  /** Every remaining row. */
  default List<NewReport> toList() {
    List<NewReport> out = new ArrayList<>((int) Math.min(expectedRows(), 1 << 24));
    for (NewReport r = next(); r != null; r = next()) {
      out.add(r);
    }
    return out;
  }

  static ImportRows of(List<NewReport> reports) {
    Iterator<NewReport> it = reports.iterator();
    return new ImportRows() {
      @Override
      public NewReport next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public long expectedRows() {
        return reports.size();
      }
    };
  }
}
