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
 * columns of the chunks whose days meet the range, summing into the rows asked for. Medians are
 * exact: the durations of the matching reports are collected and the middle one selected in
 * linear time. The store is never read to answer.
 *
 * <p>Why not precomputed cells per (level, area, category, status, day): at municipality and day
 * resolution nearly every report is a cell of its own, so those cells (× 3 levels × 4 period
 * lengths, each with a duration multiset for the median) would hold several times the reports
 * themselves; the columns are 16 bytes a report and answer every combination, exactly.
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

    Data(CategoryCatalog catalog) {
      categories = new CategoryTable(catalog);
    }
  }

  private final CategoryCatalog catalog;
  private final VisibilityPolicy visibility;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
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

  /** Forgets a report (deleted or gone). */
  public void remove(long id) {
    lock.writeLock().lock();
    try {
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
      d.facts.setVerification(id,
          seconds(firstVerdict.getEpochSecond() - ReportFacts.EPOCH_SECOND - (long) d.facts.reportedSecond(id)));
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

  /** Answers a query as of {@code now} (which decides who is past the take-up deadline). */
  public List<StatisticsRow> query(StatisticsQuery q, Instant now) {
    lock.readLock().lock();
    try {
      return new Pass(data, q, now).run();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One query's pass over the columns. */
  private static final class Pass {
    private final Data d;
    private final StatisticsQuery q;
    private final int nowSecond;
    private final int statusMask;
    private final boolean[] categoryCounted;
    private final int[] breakOf;
    private final int breaks;
    private final List<String> rowAreas = new ArrayList<>();
    private final int[] areaRow;
    private final long firstPeriod;
    private final int periods;
    private final int dayLo;
    private final int dayHi;
    /** Day − dayLo → period slot (0: the period before the range, for the trend; 1…periods: the range). */
    private final int[] slotOfDay;
    private final Accumulator[] rows;

    Pass(Data d, StatisticsQuery q, Instant now) {
      this.d = d;
      this.q = q;
      this.nowSecond = reportedSecond(now);
      Set<Status> statuses = q.statuses().isEmpty() ? (q.police() ? EnumSet.allOf(Status.class) : Status.PUBLIC)
          : q.statuses();
      this.statusMask = mask(statuses);
      int n = d.categories.size();
      categoryCounted = new boolean[n];
      breakOf = new int[n];
      for (int c = 0; c < n; c++) {
        categoryCounted[c] = q.categories().isEmpty() || q.categories().contains(d.categories.code(c));
        breakOf[c] = switch (q.by()) {
          case NONE -> 0;
          case CATEGORY -> c;
          case GROUP -> d.categories.group(c) < 0 ? d.categories.groups().size() : d.categories.group(c);
        };
      }
      breaks = switch (q.by()) {
        case NONE -> 1;
        case CATEGORY -> n;
        case GROUP -> d.categories.groups().size() + 1;
      };
      areaRow = new int[d.areas.size()];
      Map<String, Integer> rowOfCode = new HashMap<>();
      for (int i = 0; i < areaRow.length; i++) {
        Teryt t = d.areas.at(i);
        if (!q.areas().isEmpty() && q.areas().stream().noneMatch(t::within)) {
          areaRow[i] = -1;
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
        dayLo = q.from() == null ? 0 : clampDay(q.from().toEpochDay());
        dayHi = q.to() == null ? Character.MAX_VALUE - 1 : clampDay(q.to().toEpochDay());
        slotOfDay = null;
      } else {
        firstPeriod = q.period().index(q.from());
        long last = q.period().index(q.to());
        periods = (int) Math.min(Integer.MAX_VALUE - 1, last - firstPeriod + 1);
        dayLo = clampDay(q.period().start(firstPeriod - 1).toEpochDay());
        dayHi = clampDay(q.period().start(last + 1).toEpochDay() - 1);
        slotOfDay = new int[dayHi - dayLo + 1];
        for (int slot = 0; slot <= periods; slot++) {
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
      rows = new Accumulator[rowAreas.size() * breaks];
    }

    private static int clampDay(long day) {
      return (int) Math.max(0, Math.min(Character.MAX_VALUE - 1, day));
    }

    List<StatisticsRow> run() {
      int slots = slotOfDay == null ? 1 : periods + 1;
      for (ReportFacts.Chunk c : d.facts.chunks()) {
        if (c.live == 0 || c.maxDay < dayLo || c.minDay > dayHi) {
          continue;
        }
        char[] areas = q.police() ? c.exactArea : c.publicArea;
        for (int s = 0; s < ReportFacts.SIZE; s++) {
          int cat = c.category[s];
          if (cat < 0 || !categoryCounted[cat]) {
            continue;
          }
          int status = c.status[s];
          if ((statusMask & (1 << status)) == 0) {
            continue;
          }
          char area = areas[s];
          if (area == AreaTable.NOT_PUBLIC) {
            continue;
          }
          int row = areaRow[area];
          int day = c.day[s];
          if (row < 0 || day < dayLo || day > dayHi) {
            continue;
          }
          int slot = slotOfDay == null ? 0 : slotOfDay[day - dayLo];
          int key = row * breaks + breakOf[cat];
          Accumulator acc = rows[key];
          if (acc == null) {
            acc = rows[key] = new Accumulator(slots);
          }
          int base = slot * STRIDE;
          acc.counts[base + status]++;
          if (status == Status.NEW.ordinal() && nowSecond > c.reportedSecond[s] + DEADLINE_SECONDS) {
            acc.counts[base + STATUSES]++;
          }
          int v = c.verificationSeconds[s];
          if (v != ReportFacts.NO_DURATION && (slotOfDay == null || slot > 0)) {
            acc.duration(slot, v);
          }
        }
      }
      return rows();
    }

    private List<StatisticsRow> rows() {
      List<StatisticsRow> out = new ArrayList<>();
      for (int key = 0; key < rows.length; key++) {
        Accumulator acc = rows[key];
        if (acc == null) {
          continue;
        }
        String area = rowAreas.get(key / breaks);
        int b = key % breaks;
        String category = q.by() == Breakdown.CATEGORY ? d.categories.code(b) : null;
        String group = q.by() == Breakdown.GROUP && b < d.categories.groups().size() ? d.categories.groups().get(b)
            : null;
        if (slotOfDay == null) {
          out.add(row(acc, area, category, group, 0, "all", q.from(), q.to(), null));
          continue;
        }
        for (int slot = 1; slot <= periods; slot++) {
          int previous = acc.count(slot - 1);
          if (acc.count(slot) == 0 && previous == 0) {
            continue;
          }
          LocalDate start = q.period().start(firstPeriod + slot - 1);
          LocalDate end = q.period().start(firstPeriod + slot).minusDays(1);
          out.add(row(acc, area, category, group, slot, q.period().label(start), start, end, previous));
        }
      }
      out.sort(Comparator.comparing(StatisticsRow::area, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(r -> r.category() == null ? "" : r.category())
          .thenComparing(r -> r.group() == null ? "~" : r.group())
          .thenComparing(StatisticsRow::start, Comparator.nullsFirst(Comparator.naturalOrder())));
      return out;
    }

    private StatisticsRow row(Accumulator acc, String area, String category, String group, int slot, String label,
        LocalDate start, LocalDate end, Integer previous) {
      int base = slot * STRIDE;
      int confirmed = 0;
      for (int st = 0; st < STATUSES; st++) {
        if ((CONFIRMED_MASK & (1 << st)) != 0) {
          confirmed += acc.counts[base + st];
        }
      }
      Durations ds = acc.durations[slot];
      return new StatisticsRow(area, category, group, label, start, end,
          StatisticsRow.statusMap(acc.counts, base, statusMask), acc.count(slot), confirmed,
          acc.counts[base + STATUSES], ds == null ? null : ds.median(), ds == null ? 0 : ds.size, previous);
    }
  }

  /** The sums of one row key over its period slots. */
  private static final class Accumulator {
    final int[] counts;
    final Durations[] durations;

    Accumulator(int slots) {
      counts = new int[slots * STRIDE];
      durations = new Durations[slots];
    }

    int count(int slot) {
      int n = 0;
      for (int st = 0; st < STATUSES; st++) {
        n += counts[slot * STRIDE + st];
      }
      return n;
    }

    void duration(int slot, int seconds) {
      Durations ds = durations[slot];
      if (ds == null) {
        ds = durations[slot] = new Durations();
      }
      ds.add(seconds);
    }
  }

  /** A growable multiset of durations with an exact median. */
  static final class Durations {
    int[] values = new int[8];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    /** The middle value, or the mean of the two middle values for an even count (linear time). */
    Double median() {
      if (size == 0) {
        return null;
      }
      int k = size / 2;
      long upper = Select.kth(values, size, k);
      if (size % 2 == 1) {
        return (double) upper;
      }
      // After selection values[0..k) are all <= the k-th: the lower middle is their maximum.
      long lower = Long.MIN_VALUE;
      for (int i = 0; i < k; i++) {
        lower = Math.max(lower, values[i]);
      }
      return (lower + upper) / 2.0;
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
