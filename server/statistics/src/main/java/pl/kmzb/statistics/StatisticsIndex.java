package pl.kmzb.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.PublicReport;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The statistics of reports, kept in memory and answered from there: per report the few facts
 * {@link ReportFacts} holds, replaced whenever the report changes (O(1) per change, every level at
 * once, because a level is a prefix of the one area code kept), and per query one pass over the
 * columns of the chunks whose days meet the range (split among the processors), summing into the
 * rows asked for. Times to verification go into a bounded histogram per row and period
 * ({@link Durations}: the median is exact over durations rounded down to the hour below a week,
 * to the day up to 94 days). The store is never read to answer.
 *
 * <p>Why not precomputed cells per (level, area, category, status, day): at municipality and day
 * resolution nearly every report is a cell of its own, so those cells (× 3 levels × 4 period
 * lengths, each with its durations) would hold several times the reports themselves; the columns
 * are 16 bytes a report and answer every combination. The one coarse exception is
 * {@link YearTotals} (voivodeship × category × year, a few thousand cells): the country and
 * voivodeship questions by year or over all time, the ones a dashboard asks most, take their past
 * years from there and read the columns only for the current year.
 */
public final class StatisticsIndex {
  /** Days, weeks, months and years are those of Poland's calendar. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
  /** Statuses that are a verification's outcome: the first move into one ends the verification. */
  public static final Set<Status> VERDICTS = Set.copyOf(EnumSet.of(Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER,
      Status.CONFIRMED_ELIMINATED, Status.NOT_CONFIRMED, Status.JOKE_OR_MISTAKE));
  /** At most this many rows × periods a query may ask for (the answer's size bound). */
  public static final long MAX_CELLS = 500_000;
  private static final int STATUSES = Status.values().length;
  /** Per period: one count per status, then the past-deadline count. */
  private static final int STRIDE = STATUSES + 1;
  private static final int DEADLINE_SECONDS = (int) Report.TAKE_UP_DEADLINE.toSeconds();
  private static final int VERDICT_MASK = mask(VERDICTS);
  private static final int CONFIRMED_MASK = mask(Status.CONFIRMED_ANY);

  /** Everything a load builds, swapped in whole. */
  static final class Data {
    final AreaTable areas = new AreaTable();
    final CategoryTable categories;
    final ReportFacts facts = new ReportFacts();
    /** The facts summed by voivodeship and year, kept with every change of the columns. */
    final YearTotals years = new YearTotals();

    Data(CategoryCatalog catalog) {
      categories = new CategoryTable(catalog);
    }
  }

  private final CategoryCatalog catalog;
  private final VisibilityPolicy visibility;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Cells × buckets up to which a pass keeps its histograms flat ({@link Sums}). */
  private volatile long flatLimit = Sums.FLAT_LIMIT;
  /** Whether queries take whole years from {@link YearTotals} (tests compare with reading only the columns). */
  private volatile boolean yearTotals = true;
  private Data data;
  private volatile boolean loaded;

  public StatisticsIndex(CategoryCatalog catalog, VisibilityPolicy visibility) {
    this.catalog = catalog;
    this.visibility = visibility;
    this.data = new Data(catalog);
  }

  /** An empty set of facts for a load to fill ({@link #put(Data, Report, Instant)}) and {@link #replace}. */
  Data newData() {
    return new Data(catalog);
  }

  /** Swaps in what a load built. */
  void replace(Data next) {
    lock.writeLock().lock();
    try {
      data = next;
      loaded = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** What is counted now, for a snapshot (taken while the follower holds still). */
  Data data() {
    lock.readLock().lock();
    try {
      return data;
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean isLoaded() {
    return loaded;
  }

  /** Records a report as it is now; {@code firstVerdict}: its first move into a verdict status, or null. */
  public void put(Report r, Instant firstVerdict) {
    lock.writeLock().lock();
    try {
      put(data, r, firstVerdict);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The first verdict of a report counted with one already, if {@code r} was reported at the same
   * second (so the time computed from it is the one kept); else null. The history is append-only
   * and a later move into a verdict is later, so a first verdict once known stays the first: a
   * change of a report that has one needs no history read.
   */
  Instant knownFirstVerdict(Report r) {
    lock.readLock().lock();
    try {
      long at = r.reportedAt().getEpochSecond();
      int v = data.facts.verificationSeconds(r.id());
      if (v == ReportFacts.NO_DURATION || at - ReportFacts.EPOCH_SECOND != reportedSecond(r.reportedAt())
          || data.facts.reportedSecond(r.id()) != reportedSecond(r.reportedAt())) {
        return null;
      }
      return Instant.ofEpochSecond(at + v);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Forgets a report (deleted or gone). */
  public void remove(long id) {
    lock.writeLock().lock();
    try {
      data.years.add(data, id, -1);
      data.facts.remove(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The reports counted (every view), for health details and tests. */
  public int size() {
    lock.readLock().lock();
    try {
      return data.facts.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  void put(Data d, Report r, Instant firstVerdict) {
    d.years.add(d, r.id(), -1);
    putFacts(d, r, firstVerdict);
    d.years.add(d, r.id(), 1);
  }

  private void putFacts(Data d, Report r, Instant firstVerdict) {
    if (r.deleted()) {
      d.facts.remove(r.id());
      return;
    }
    PublicReport p = visibility.show(r);
    char publicArea = p == null ? AreaTable.NOT_PUBLIC : d.areas.intern(p.areas());
    int verification = firstVerdict == null || !VERDICTS.contains(r.status()) ? ReportFacts.NO_DURATION
        : seconds(firstVerdict.getEpochSecond() - r.reportedAt().getEpochSecond());
    d.facts.put(r.id(), d.categories.intern(r.category()), (byte) r.status().ordinal(), day(r.reportedAt()),
        reportedSecond(r.reportedAt()), d.areas.intern(r.teryt()), publicArea, verification);
  }

  /** Sets the verification time of a report loaded before its history was read (the load's second pass). */
  void setFirstVerdict(Data d, long id, Instant firstVerdict) {
    byte status = d.facts.status(id);
    if (status != ReportFacts.ABSENT && (VERDICT_MASK & (1 << status)) != 0) {
      d.years.add(d, id, -1);
      d.facts.setVerification(id,
          seconds(firstVerdict.getEpochSecond() - ReportFacts.EPOCH_SECOND - (long) d.facts.reportedSecond(id)));
      d.years.add(d, id, 1);
    }
  }

  static char day(Instant at) {
    long day = LocalDate.ofInstant(at, ZONE).toEpochDay();
    return (char) Math.max(0, Math.min(Character.MAX_VALUE - 1, day));
  }

  static int reportedSecond(Instant at) {
    return seconds(at.getEpochSecond() - ReportFacts.EPOCH_SECOND);
  }

  private static int seconds(long s) {
    return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE - DEADLINE_SECONDS, s));
  }

  private static int mask(Set<Status> statuses) {
    int m = 0;
    for (Status s : statuses) {
      m |= 1 << s.ordinal();
    }
    return m;
  }

  /** Sets the flat histograms' bound (tests: 0 answers every query through the per-cell ones). */
  StatisticsIndex flatLimit(long cellsTimesBuckets) {
    this.flatLimit = cellsTimesBuckets;
    return this;
  }

  /** Whether queries take whole years from the year totals (tests: false reads every year's columns). */
  StatisticsIndex yearTotals(boolean use) {
    this.yearTotals = use;
    return this;
  }

  /** Answers a query as of {@code now} (which decides who is past the take-up deadline). */
  public List<StatisticsRow> query(StatisticsQuery q, Instant now) {
    lock.readLock().lock();
    try {
      return new Pass(data, q, now, flatLimit, yearTotals).run();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One query's pass over the columns: the chunks split among the processors, their sums added. */
  private static final class Pass {
    private final Data d;
    private final StatisticsQuery q;
    private final int nowSecond;
    private final int statusMask;
    /** (category << 3 | status) → the row's breakdown index, or -1 when not counted. */
    private final int[] breakOf;
    private final int breaks;
    private final List<String> rowAreas = new ArrayList<>();
    /** Area-table index → row, -1 when not counted; {@link AreaTable#NOT_PUBLIC} included. */
    private final int[] areaRow = new int[Character.MAX_VALUE + 1];
    /**
     * For {@link AreaLevel#POLICE_UNIT}: area-table index → the rows (units) whose areas hold it,
     * null when none; null for the other levels, whose areas have one row each ({@link #areaRow}).
     */
    private final int[][] unitRows;
    private final long firstPeriod;
    private final int periods;
    /** Period slots per row: for a range, the period before it (slot 0, for the trend) and the range. */
    private final int slots;
    /** The slot of the range's first period (0 for "all", 1 otherwise). */
    private final int firstSlot;
    private final int dayLo;
    private final int dayHi;
    /** Day − dayLo → period slot. */
    private final int[] slotOfDay;
    private final int cells;
    /** Whether the parts' duration histograms are flat (see {@link Sums}). */
    private final boolean flat;
    /** The years taken whole from {@link YearTotals} (none when the first is after the last). */
    private int totalsFrom = 1;
    private int totalsTo = 0;
    /** Their days, which the pass over the columns skips. */
    private int totalsDayLo = 1;
    private int totalsDayHi = 0;
    /** Voivodeship slot of the totals → row, -1 when not counted. */
    private int[] rowOfSlot;

    Pass(Data d, StatisticsQuery q, Instant now, long flatLimit, boolean yearTotals) {
      this.d = d;
      this.q = q;
      this.nowSecond = reportedSecond(now);
      Set<Status> statuses = q.statuses().isEmpty() ? (q.police() ? EnumSet.allOf(Status.class) : Status.PUBLIC)
          : q.statuses();
      this.statusMask = mask(statuses);
      int n = d.categories.size();
      breaks = switch (q.by()) {
        case NONE -> 1;
        case CATEGORY -> n;
        case GROUP -> d.categories.groups().size() + 1;
      };
      breakOf = new int[n << 3];
      for (int c = 0; c < n; c++) {
        boolean counted = q.categories().isEmpty() || q.categories().contains(d.categories.code(c));
        int b = switch (q.by()) {
          case NONE -> 0;
          case CATEGORY -> c;
          case GROUP -> d.categories.group(c) < 0 ? d.categories.groups().size() : d.categories.group(c);
        };
        for (int st = 0; st < 8; st++) {
          breakOf[(c << 3) | st] = counted && (statusMask & (1 << st)) != 0 ? b : -1;
        }
      }
      java.util.Arrays.fill(areaRow, -1);
      unitRows = q.level() == AreaLevel.POLICE_UNIT ? unitRows(d, q, rowAreas) : null;
      Map<String, Integer> rowOfCode = new HashMap<>();
      for (int i = 0; unitRows == null && i < d.areas.size(); i++) {
        Teryt t = d.areas.at(i);
        if (!q.areas().isEmpty() && q.areas().stream().noneMatch(t::within)) {
          continue;
        }
        String code = q.level().areaOf(t);
        areaRow[i] = rowOfCode.computeIfAbsent(code == null ? "" : code, k -> {
          rowAreas.add(code);
          return rowAreas.size() - 1;
        });
      }
      if (q.period() == Period.ALL) {
        firstPeriod = 0;
        periods = 1;
        slots = 1;
        firstSlot = 0;
        dayLo = q.from() == null ? 0 : clampDay(q.from().toEpochDay());
        dayHi = q.to() == null ? Character.MAX_VALUE - 1 : clampDay(q.to().toEpochDay());
        slotOfDay = new int[dayHi - dayLo + 1];
      } else {
        firstPeriod = q.period().index(q.from());
        long last = q.period().index(q.to());
        periods = (int) Math.min(Integer.MAX_VALUE - 1, last - firstPeriod + 1);
        slots = periods + 1;
        firstSlot = 1;
        dayLo = clampDay(q.period().start(firstPeriod - 1).toEpochDay());
        dayHi = clampDay(q.period().start(last + 1).toEpochDay() - 1);
        slotOfDay = new int[dayHi - dayLo + 1];
        for (int slot = 0; slot < slots; slot++) {
          int a = clampDay(q.period().start(firstPeriod - 1 + slot).toEpochDay());
          int b = clampDay(q.period().start(firstPeriod + slot).toEpochDay() - 1);
          for (int day = Math.max(a, dayLo); day <= Math.min(b, dayHi); day++) {
            slotOfDay[day - dayLo] = slot;
          }
        }
      }
      if ((long) rowAreas.size() * breaks * periods > MAX_CELLS) {
        throw new TooLargeException((long) rowAreas.size() * breaks * periods);
      }
      cells = rowAreas.size() * breaks * slots;
      flat = (long) cells * Durations.BUCKETS <= flatLimit;
      if (yearTotals) {
        useYearTotals(now);
      }
    }

    /**
     * Decides which years the query takes from {@link YearTotals}: for the country or voivodeships
     * (areas filtered by voivodeship, if at all), by year or over all time, the whole years of the
     * range in which every NEW report is past the take-up deadline at {@code now}, so their sums
     * equal the pass's. Those days are then marked for the pass to skip.
     */
    private void useYearTotals(Instant now) {
      if (unitRows != null || (q.level() != AreaLevel.COUNTRY && q.level() != AreaLevel.VOIVODESHIP)
          || (q.period() != Period.YEAR && q.period() != Period.ALL)
          || q.areas().stream().anyMatch(a -> a.length() != 2)) {
        return;
      }
      int from;
      int to;
      if (q.period() == Period.YEAR) {
        from = (int) firstPeriod - 1;
        to = (int) firstPeriod - 1 + slots - 1;
      } else {
        from = YearTotals.year(dayLo) + (LocalDate.ofEpochDay(dayLo).getDayOfYear() == 1 ? 0 : 1);
        to = YearTotals.year(dayHi) - (LocalDate.ofEpochDay(dayHi + 1L).getDayOfYear() == 1 ? 0 : 1);
      }
      // From 1971: day 0 also holds the reports before 1970. To 2066: the reported-at seconds are
      // clamped a little after 2067, which would make the deadline test differ.
      from = Math.max(from, 1971);
      to = Math.min(to, Math.min(2066, lastYearPastDeadline(now)));
      if (from > to) {
        return;
      }
      int[] rows = new int[d.years.slots()];
      java.util.Arrays.fill(rows, Integer.MIN_VALUE);
      for (int i = 0; i < d.areas.size(); i++) {
        int v = d.years.knownSlot(i);
        if (v < 0) {
          continue; // an area no report holds
        }
        if (rows[v] != Integer.MIN_VALUE && rows[v] != areaRow[i]) {
          return; // cannot happen at these levels; the pass answers alone if it does
        }
        rows[v] = areaRow[i];
      }
      for (int v = 0; v < rows.length; v++) {
        rows[v] = Math.max(rows[v], -1);
      }
      rowOfSlot = rows;
      totalsFrom = from;
      totalsTo = to;
      totalsDayLo = (int) LocalDate.of(from, 1, 1).toEpochDay();
      totalsDayHi = (int) LocalDate.of(to + 1, 1, 1).toEpochDay() - 1;
      for (int day = Math.max(dayLo, totalsDayLo); day <= Math.min(dayHi, totalsDayHi); day++) {
        slotOfDay[day - dayLo] = -1;
      }
    }

    /** The last year whose every report is past the take-up deadline at {@code now}. */
    private int lastYearPastDeadline(Instant now) {
      int year = LocalDate.ofInstant(now, ZONE).getYear();
      // A report of year y was reported before UTC midnight of y+1's first day (Warsaw is ahead of UTC).
      while (LocalDate.of(year + 1, 1, 1).toEpochDay() * 86_400L - ReportFacts.EPOCH_SECOND + DEADLINE_SECONDS
          > nowSecond) {
        year--;
      }
      return year;
    }

    /**
     * The police-unit level's rows: one per unit (codes in {@code rows}), and for each area of the
     * table the units serving it, each unit once however its areas overlap.
     */
    private static int[][] unitRows(Data d, StatisticsQuery q, List<String> rows) {
      List<String> codes = new ArrayList<>(new java.util.TreeSet<>(q.units().keySet()));
      rows.addAll(codes);
      // TERYT code → the units listing it, so an area finds its units by its three codes.
      Map<String, List<Integer>> unitsOfCode = new HashMap<>();
      for (int u = 0; u < codes.size(); u++) {
        for (String code : q.units().get(codes.get(u))) {
          unitsOfCode.computeIfAbsent(code, k -> new ArrayList<>()).add(u);
        }
      }
      int[][] out = new int[Character.MAX_VALUE + 1][];
      for (int i = 0; i < d.areas.size(); i++) {
        Teryt t = d.areas.at(i);
        if (!q.areas().isEmpty() && q.areas().stream().noneMatch(t::within)) {
          continue;
        }
        java.util.TreeSet<Integer> serving = new java.util.TreeSet<>();
        for (String code : new String[] {t.voivodeship(), t.county(), t.municipality()}) {
          if (code != null) {
            serving.addAll(unitsOfCode.getOrDefault(code, List.of()));
          }
        }
        out[i] = serving.isEmpty() ? null : serving.stream().mapToInt(Integer::intValue).toArray();
      }
      return out;
    }

    private static int clampDay(long day) {
      return (int) Math.max(0, Math.min(Character.MAX_VALUE - 1, day));
    }

    List<StatisticsRow> run() {
      List<ReportFacts.Chunk> chunks = new ArrayList<>();
      for (ReportFacts.Chunk c : d.facts.chunks()) {
        if (c.live > 0 && c.maxDay >= dayLo && c.minDay <= dayHi
            && (c.minDay < totalsDayLo || c.maxDay > totalsDayHi)) {
          chunks.add(c);
        }
      }
      int parts = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), chunks.size() / 32));
      Sums sums = java.util.stream.IntStream.range(0, parts).parallel()
          .mapToObj(p -> scan(chunks.subList(chunks.size() * p / parts, chunks.size() * (p + 1) / parts)))
          .reduce(Sums::add).orElseGet(() -> new Sums(cells, flat));
      if (totalsFrom <= totalsTo) {
        d.years.forEach(q.police(), totalsFrom, totalsTo, (v, category, year, cell) -> addTotals(sums, v, category,
            q.period() == Period.ALL ? 0 : (int) (year - firstPeriod + 1), cell));
      }
      return rows(sums);
    }

    /** Adds a cell of the year totals as the pass would have counted its reports. */
    private void addTotals(Sums sums, int v, int category, int slot, YearTotals.Cell totals) {
      int row = rowOfSlot[v];
      if (row < 0) {
        return;
      }
      // Which verdicts' times count: a category's counted statuses share one breakdown index.
      int verdicts = statusMask & VERDICT_MASK;
      int[] together = verdicts == VERDICT_MASK ? totals.allVerdicts : verdicts == CONFIRMED_MASK ? totals.confirmed
          : null;
      for (int st = 0; st < STATUSES; st++) {
        int n = totals.counts[st];
        int b = breakOf[(category << 3) | st];
        if (n == 0 || b < 0) {
          continue;
        }
        int cell = (row * breaks + b) * slots + slot;
        sums.counts[cell * STRIDE + st] += n;
        if (st == Status.NEW.ordinal()) {
          sums.counts[cell * STRIDE + STATUSES] += n; // every one past the deadline (useYearTotals)
        } else if (slot >= firstSlot) {
          if (together != null) {
            sums.duration(cell, together);
            together = null; // added once, with the first counted verdict status
            verdicts = 0;
          } else if (verdicts != 0 && totals.durations[st] != null) {
            sums.duration(cell, totals.durations[st]);
          }
        }
      }
    }

    /** The sums of some chunks. */
    private Sums scan(List<ReportFacts.Chunk> chunks) {
      Sums sums = new Sums(cells, flat);
      int span = dayHi - dayLo;
      int[][] unitsOf = unitRows; // a local: the loop reads no field per report
      boolean skipsDays = totalsFrom <= totalsTo; // false: the JIT drops the test from the loop
      for (ReportFacts.Chunk c : chunks) {
        char[] areas = q.police() ? c.exactArea : c.publicArea;
        byte[] category = c.category;
        byte[] status = c.status;
        char[] day = c.day;
        int[] reported = c.reportedSecond;
        int[] verification = c.verificationSeconds;
        for (int s = 0; s < ReportFacts.SIZE; s++) {
          int cat = category[s];
          if (cat < 0) {
            continue;
          }
          int st = status[s];
          int b = breakOf[(cat << 3) | st];
          int dd = day[s] - dayLo;
          if (unitsOf != null) {
            int[] rows = unitsOf[areas[s]];
            if (rows == null || (b | dd | (span - dd)) < 0) {
              continue;
            }
            for (int row : rows) {
              count(sums, row, b, slotOfDay[dd], st, reported[s], verification[s]);
            }
            continue;
          }
          int row = areaRow[areas[s]];
          if ((b | row | dd | (span - dd)) < 0) {
            continue;
          }
          int slot = slotOfDay[dd];
          if (skipsDays && slot < 0) {
            continue; // a day of the year totals
          }
          count(sums, row, b, slot, st, reported[s], verification[s]);
        }
      }
      return sums;
    }

    /** Counts one report in the cell of (row, breakdown, period slot). */
    private void count(Sums sums, int row, int b, int slot, int st, int reported, int verification) {
      int cell = (row * breaks + b) * slots + slot;
      sums.counts[cell * STRIDE + st]++;
      if (st == Status.NEW.ordinal()) {
        if (nowSecond > reported + DEADLINE_SECONDS) {
          sums.counts[cell * STRIDE + STATUSES]++;
        }
      } else if (verification != ReportFacts.NO_DURATION && slot >= firstSlot) {
        sums.duration(cell, verification);
      }
    }

    private List<StatisticsRow> rows(Sums sums) {
      // Rows come out in order (area code, then category or group code, then period), so the
      // answer needs no sort, and each period's name and days are computed once, not once a row.
      Integer[] areaOrder = order(rowAreas.size(), rowAreas::get);
      Integer[] breakOrder = order(breaks, this::breakCode);
      LocalDate[] starts = new LocalDate[slots + 1];
      String[] labels = new String[slots];
      if (q.period() != Period.ALL) {
        for (int slot = 1; slot <= slots; slot++) {
          starts[slot] = q.period().start(firstPeriod + slot - 1);
        }
        for (int slot = 1; slot < slots; slot++) {
          labels[slot] = q.period().label(starts[slot]);
        }
      }
      List<StatisticsRow> out = new ArrayList<>();
      for (int a : areaOrder) {
        String area = rowAreas.get(a);
        for (int b : breakOrder) {
          String category = q.by() == Breakdown.CATEGORY ? d.categories.code(b) : null;
          String group = q.by() == Breakdown.GROUP && b < d.categories.groups().size() ? d.categories.groups().get(b)
              : null;
          int base = (a * breaks + b) * slots;
          if (q.period() == Period.ALL) {
            if (sums.count(base) > 0) {
              out.add(row(sums, base, area, category, group, "all", q.from(), q.to(), null));
            }
            continue;
          }
          for (int slot = 1; slot <= periods; slot++) {
            int previous = sums.count(base + slot - 1);
            if (sums.count(base + slot) == 0 && previous == 0) {
              continue;
            }
            out.add(row(sums, base + slot, area, category, group, labels[slot], starts[slot],
                starts[slot + 1].minusDays(1), previous));
          }
        }
      }
      return out;
    }

    /** The code a breakdown index sorts by: the category or group code; "~" (last) for no group. */
    private String breakCode(int b) {
      return switch (q.by()) {
        case NONE -> "";
        case CATEGORY -> d.categories.code(b);
        case GROUP -> b < d.categories.groups().size() ? d.categories.groups().get(b) : "~";
      };
    }

    /** Indices 0…n-1 ordered by their code, null last. */
    private static Integer[] order(int n, java.util.function.IntFunction<String> code) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparing(code::apply, Comparator.nullsLast(Comparator.naturalOrder())));
      return order;
    }

    private StatisticsRow row(Sums sums, int cell, String area, String category, String group, String label,
        LocalDate start, LocalDate end, Integer previous) {
      int base = cell * STRIDE;
      int confirmed = 0;
      for (int st = 0; st < STATUSES; st++) {
        if ((CONFIRMED_MASK & (1 << st)) != 0) {
          confirmed += sums.counts[base + st];
        }
      }
      Durations h = sums.durations(cell);
      return new StatisticsRow(area, category, group, label, start, end,
          StatisticsRow.statusMap(sums.counts, base, statusMask), sums.count(cell), confirmed,
          sums.counts[base + STATUSES], h == null ? null : h.median(), h == null ? 0 : h.size(), previous);
    }
  }

  /**
   * Per (row, period slot): counts per status and past the deadline, and a duration histogram. With
   * few cells the histograms are one flat array (a count is one increment where the cells' own
   * objects cost three dependent loads, most of a pass's time); with many, one {@link Durations} per
   * cell that holds a duration, so a fine query's memory follows its reports, not its cells.
   */
  private static final class Sums {
    /** Cells × buckets up to which the histograms are flat: 8 MB a part. */
    static final int FLAT_LIMIT = 1 << 21;

    final int[] counts;
    /** Flat histograms, {@link Durations#BUCKETS} per cell; null when the cells have their own. */
    final int[] flat;
    final Durations[] durations;

    Sums(int cells, boolean flat) {
      counts = new int[cells * STRIDE];
      this.flat = flat ? new int[cells * Durations.BUCKETS] : null;
      durations = flat ? null : new Durations[cells];
    }

    int count(int cell) {
      int n = 0;
      for (int st = 0; st < STATUSES; st++) {
        n += counts[cell * STRIDE + st];
      }
      return n;
    }

    void duration(int cell, int seconds) {
      if (flat != null) {
        flat[cell * Durations.BUCKETS + Durations.bucket(seconds)]++;
        return;
      }
      Durations h = durations[cell];
      if (h == null) {
        h = durations[cell] = new Durations();
      }
      h.add(seconds);
    }

    /** Adds {@link Durations#BUCKETS} counts to a cell's histogram. */
    void duration(int cell, int[] buckets) {
      if (flat != null) {
        int offset = cell * Durations.BUCKETS;
        for (int i = 0; i < Durations.BUCKETS; i++) {
          flat[offset + i] += buckets[i];
        }
        return;
      }
      if (durations[cell] == null) {
        durations[cell] = new Durations();
      }
      durations[cell].add(buckets);
    }

    /** The histogram of a cell, null when it holds no duration. */
    Durations durations(int cell) {
      return flat == null ? durations[cell] : Durations.of(flat, cell * Durations.BUCKETS);
    }

    Sums add(Sums other) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += other.counts[i];
      }
      if (flat != null) {
        for (int i = 0; i < flat.length; i++) {
          flat[i] += other.flat[i];
        }
        return this;
      }
      for (int i = 0; i < durations.length; i++) {
        Durations o = other.durations[i];
        if (o != null) {
          if (durations[i] == null) {
            durations[i] = o;
          } else {
            durations[i].add(o);
          }
        }
      }
      return this;
    }
  }

  /**
   * Times to verification in a bounded histogram (256 counts whatever the number of reports):
   * whole hours below 7 days, whole days from 7 to 94 days, and one bucket for 94 days or more; a
   * negative time (a verdict dated before the report) counts as 0. The median is exact over the
   * durations so rounded down: the middle one's bucket start, or the mean of the two middle ones'
   * for an even count. The counts are kept in blocks of 16 allocated when first needed, so the many
   * rows of a fine query that hold a few reports each cost a block or two, not 256 counts.
   */
  static final class Durations {
    static final int BUCKETS = 256;
    private static final int BLOCK = 16;
    private static final int HOURS = 7 * 24;
    private static final int WEEK = 7 * 86_400;

    private final int[][] blocks = new int[BUCKETS / BLOCK][];
    private int size;

    static int bucket(int seconds) {
      if (seconds < WEEK) {
        return Math.max(0, seconds) / 3600;
      }
      return Math.min(BUCKETS - 1, HOURS + (seconds - WEEK) / 86_400);
    }

    /** The duration a bucket stands for: its start, in seconds. */
    static long start(int bucket) {
      return bucket < HOURS ? bucket * 3600L : (7L + bucket - HOURS) * 86_400L;
    }

    /** The histogram of {@link #BUCKETS} counts from {@code offset} of a flat array; null when all are 0. */
    static Durations of(int[] flat, int offset) {
      Durations d = null;
      for (int b = 0; b < BUCKETS; b++) {
        int n = flat[offset + b];
        if (n != 0) {
          if (d == null) {
            d = new Durations();
          }
          int[] block = d.blocks[b / BLOCK];
          if (block == null) {
            block = d.blocks[b / BLOCK] = new int[BLOCK];
          }
          block[b % BLOCK] = n;
          d.size += n;
        }
      }
      return d;
    }

    void add(int seconds) {
      int b = bucket(seconds);
      int[] block = blocks[b / BLOCK];
      if (block == null) {
        block = blocks[b / BLOCK] = new int[BLOCK];
      }
      block[b % BLOCK]++;
      size++;
    }

    /** Adds {@link #BUCKETS} counts, one per bucket. */
    void add(int[] buckets) {
      for (int b = 0; b < BUCKETS; b++) {
        int n = buckets[b];
        if (n != 0) {
          int[] block = blocks[b / BLOCK];
          if (block == null) {
            block = blocks[b / BLOCK] = new int[BLOCK];
          }
          block[b % BLOCK] += n;
          size += n;
        }
      }
    }

    void add(Durations other) {
      for (int i = 0; i < blocks.length; i++) {
        int[] o = other.blocks[i];
        if (o == null) {
          continue;
        }
        if (blocks[i] == null) {
          blocks[i] = o.clone();
        } else {
          for (int j = 0; j < BLOCK; j++) {
            blocks[i][j] += o[j];
          }
        }
      }
      size += other.size;
    }

    int size() {
      return size;
    }

    Double median() {
      if (size == 0) {
        return null;
      }
      long upper = start(bucketOfRank(size / 2));
      if (size % 2 == 1) {
        return (double) upper;
      }
      return (start(bucketOfRank(size / 2 - 1)) + upper) / 2.0;
    }

    private int bucketOfRank(int rank) {
      int seen = 0;
      for (int i = 0; i < blocks.length; i++) {
        if (blocks[i] == null) {
          continue;
        }
        for (int j = 0; j < BLOCK; j++) {
          seen += blocks[i][j];
          if (seen > rank) {
            return i * BLOCK + j;
          }
        }
      }
      throw new IllegalStateException("rank beyond the histogram");
    }
  }

  /** Thrown when a query would answer more rows × periods than {@link #MAX_CELLS}. */
  public static final class TooLargeException extends RuntimeException {
    TooLargeException(long cells) {
      super("the query asks for " + cells + " rows × periods, more than " + MAX_CELLS
          + "; choose a coarser level or period, fewer areas, or a shorter range");
    }
  }
}
