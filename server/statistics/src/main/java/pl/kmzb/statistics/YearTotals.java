package pl.kmzb.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.report.Status;

/**
 * The reports' facts summed per (view, voivodeship, category, calendar year): a count per status
 * and, per verdict status, the histogram of times to verification. A query at the country or
 * voivodeship level by year or over all time takes the years it covers whole from here (a few
 * thousand cells) and reads the columns only for the rest, which for the usual "the last ten years
 * by voivodeship" is the current year. A year is taken from here only once every NEW report in it
 * is past the take-up deadline, because that count depends on the time of the query.
 *
 * <p>Kept exact by the same rule as the columns: a report's old facts are subtracted before a change
 * and its new ones added after it ({@link #add}), O(1) per change. Why voivodeships and years, not
 * finer: at county × month nearly every cell holds a handful of reports, so the cells and their
 * histograms would cost more memory than the columns they summarise and save little of a pass.
 */
final class YearTotals {
  private static final int STATUSES = Status.values().length;
  private static final int NEW = Status.NEW.ordinal();
  private static final java.util.Set<Status> CONFIRMED = Status.CONFIRMED_ANY;
  /** Calendar year of each day the columns can hold (days since 1970-01-01, clamped to a char). */
  private static final short[] YEAR_OF_DAY = new short[Character.MAX_VALUE + 1];
  private static final int YEARS = 2150 - 1970;

  static {
    LocalDate d = LocalDate.ofEpochDay(0);
    for (int day = 0; day < YEAR_OF_DAY.length; day++, d = d.plusDays(1)) {
      YEAR_OF_DAY[day] = (short) d.getYear();
    }
  }

  /**
   * One cell's sums. Histograms are {@link StatisticsIndex.Durations#BUCKETS} flat counts (the
   * cells are few and their histograms mostly full). Besides one per status, two sums serve the
   * usual status sets in one addition instead of five or three: every verdict (the police
   * default) and the three confirmed statuses (the verdicts the public sees).
   */
  static final class Cell {
    final int[] counts = new int[STATUSES];
    /** Per status, the histogram of times to verification; null until the status has one. */
    final int[][] durations = new int[STATUSES][];
    int[] allVerdicts;
    int[] confirmed;
  }

  /**
   * Per year − 1970 (the columns' days reach 2149), null for a year without reports: the cells by
   * view (1 bit: public) | voivodeship slot (8 bits) | category (7 bits). Arrays, not a map: a
   * restore sums 5 M reports twice each, and two loads a report take a third of a hash lookup's time.
   */
  private final Cell[][] cells = new Cell[YEARS][];
  /** Area-table index → voivodeship slot + 1 (0: not yet known). */
  private char[] slotOfArea = new char[64];
  /** Voivodeship codes by slot; slot 0 is "no voivodeship code". */
  private final List<String> voivodeships = new ArrayList<>(List.of(""));

  static int year(int day) {
    return YEAR_OF_DAY[day];
  }

  /** Adds ({@code sign} 1) or subtracts (−1) the facts report {@code id} has now; nothing if it has none. */
  void add(StatisticsIndex.Data d, long id, int sign) {
    ReportFacts.Chunk c = d.facts.chunk(id);
    if (c == null) {
      return;
    }
    add(d, c, (int) (id & (ReportFacts.SIZE - 1)), sign);
  }

  /** Sums every report of the columns (after a snapshot's restore, into empty totals). */
  void addAll(StatisticsIndex.Data d) {
    for (ReportFacts.Chunk c : d.facts.chunks()) {
      for (int s = 0; s < ReportFacts.SIZE; s++) {
        add(d, c, s, 1);
      }
    }
  }

  private void add(StatisticsIndex.Data d, ReportFacts.Chunk c, int s, int sign) {
    int category = c.category[s];
    if (category < 0) {
      return;
    }
    int status = c.status[s];
    int y = year(c.day[s]) - 1970;
    Cell[] year = cells[y];
    if (year == null) {
      year = cells[y] = new Cell[1 << 16];
    }
    int verification = c.verificationSeconds[s];
    add(year, key(0, slot(d, c.exactArea[s]), category), status, verification, sign);
    if (c.publicArea[s] != AreaTable.NOT_PUBLIC) {
      add(year, key(1, slot(d, c.publicArea[s]), category), status, verification, sign);
    }
  }

  private static void add(Cell[] year, int key, int status, int verification, int sign) {
    Cell cell = year[key];
    if (cell == null) {
      cell = year[key] = new Cell();
    }
    cell.counts[status] += sign;
    if (status != NEW && verification != ReportFacts.NO_DURATION) {
      int bucket = StatisticsIndex.Durations.bucket(verification);
      if (cell.durations[status] == null) {
        cell.durations[status] = new int[StatisticsIndex.Durations.BUCKETS];
      }
      cell.durations[status][bucket] += sign;
      if (cell.allVerdicts == null) {
        cell.allVerdicts = new int[StatisticsIndex.Durations.BUCKETS];
      }
      cell.allVerdicts[bucket] += sign;
      if (CONFIRMED.contains(Status.values()[status])) {
        if (cell.confirmed == null) {
          cell.confirmed = new int[StatisticsIndex.Durations.BUCKETS];
        }
        cell.confirmed[bucket] += sign;
      }
    }
  }

  private static int key(int view, int slot, int category) {
    return view << 15 | slot << 7 | category;
  }

  /** The voivodeship slot of an area-table index. */
  int slot(StatisticsIndex.Data d, int area) {
    if (area >= slotOfArea.length) {
      slotOfArea = java.util.Arrays.copyOf(slotOfArea, Math.max(area + 1, slotOfArea.length * 2));
    }
    if (slotOfArea[area] == 0) {
      String code = d.areas.at(area).voivodeship();
      int slot = code == null ? 0 : voivodeships.indexOf(code);
      if (slot < 0) {
        if (voivodeships.size() > 255) {
          throw new IllegalStateException("more than 255 voivodeship codes");
        }
        voivodeships.add(code);
        slot = voivodeships.size() - 1;
      }
      slotOfArea[area] = (char) (slot + 1);
    }
    return slotOfArea[area] - 1;
  }

  /** The voivodeship slot of an area some report was counted in, -1 for one none was (read-only, for queries). */
  int knownSlot(int area) {
    return area < slotOfArea.length ? slotOfArea[area] - 1 : -1;
  }

  int slots() {
    return voivodeships.size();
  }

  /** Something to do with one cell of the totals. */
  interface CellVisitor {
    void visit(int slot, int category, int year, Cell cell);
  }

  /** Visits the cells of a view ({@code police}: exact areas) whose year is in {@code [from, to]}. */
  void forEach(boolean police, int from, int to, CellVisitor visitor) {
    int view = police ? 0 : 1;
    int end = key(view, slots(), 0);
    for (int year = Math.max(from, 1970); year <= Math.min(to, 1970 + YEARS - 1); year++) {
      Cell[] cellsOfYear = cells[year - 1970];
      for (int key = key(view, 0, 0); cellsOfYear != null && key < end; key++) {
        if (cellsOfYear[key] != null) {
          visitor.visit(key >>> 7 & 0xFF, key & 0x7F, year, cellsOfYear[key]);
        }
      }
    }
  }
}
