package pl.kmzb.ingest;

import java.util.function.Supplier;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.report.Teryt;

/**
 * Where a new report may be, and the TERYT codes it gets there: one answer per point for the API
 * ({@link SubmissionValidator}) and for file imports ({@link ReportFileImporter}).
 *
 * <p>Once voivodeships are imported, Poland is the union of the imported boundaries. Voivodeships
 * are the level that decides: PRG's voivodeships take in the internal sea waters and lagoons
 * (Zalew Szczeciński, Zatoka Gdańska inside its baseline), where water-safety reports come from,
 * while its counties and municipalities leave most of those waters out. Before voivodeships are
 * imported, Natural Earth's land outline with its buffer ({@link NationalOutline}) stands in, and
 * the finer levels already loaded only widen it; their codes are assigned where they cover.
 *
 * <p>The boundary index is read through the supplier on every call, so a running server follows
 * an import (the reference reloader swaps the index) without rebuilding anything. The answer costs
 * what the TERYT assignment alone cost before: the index's grid answers most points, and the
 * outline is asked only where no boundary covers a point before voivodeships are loaded.
 */
public final class Territory {
  private final Supplier<NationalOutline> fallback;
  private final Supplier<BoundaryIndex> boundaries;

  public Territory(NationalOutline fallback, Supplier<BoundaryIndex> boundaries) {
    this(() -> fallback, boundaries);
  }

  /**
   * @param fallback the outline, asked for only when a point needs it: a server passes
   *     {@code NationalOutline::poland}, built on first use (or by a warm-up after the start) rather
   *     than on the start's critical path
   */
  public Territory(Supplier<NationalOutline> fallback, Supplier<BoundaryIndex> boundaries) {
    this.fallback = fallback;
    this.boundaries = boundaries;
  }

  /** Natural Earth's outline only: no boundaries, ever (tests, tools). */
  public static Territory outlineOnly(NationalOutline outline) {
    return new Territory(outline, () -> BoundaryIndex.EMPTY);
  }

  /**
   * The point's codes if it is in Poland ({@link Teryt#NONE} where no loaded boundary covers it), or
   * null if it is not. NaN and infinite coordinates are never in Poland.
   */
  public Teryt locate(double lon, double lat) {
    BoundaryIndex index = boundaries.get();
    Teryt codes = index.assign(lon, lat);
    if (codes != Teryt.NONE) {
      return codes;
    }
    if (index.levels().contains(BoundaryLevel.VOIVODESHIP)) {
      return null;
    }
    return fallback.get().contains(lon, lat) ? Teryt.NONE : null;
  }
}
