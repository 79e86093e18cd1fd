package pl.kmzb.cluster;

import java.time.Instant;
import java.util.List;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.TileMatrixSet;

/**
 * A public {@link ReportFilter} compiled for the index: bit masks for category, status and source,
 * the time range in nanoseconds, and the bbox in world coordinates. {@link #isDefault()} filters
 * keep nothing out of the public index, so the low-zoom aggregates answer them.
 *
 * <p>The bbox is tested on the public position (the one the map shows) at world-unit precision
 * (2^-31 of the world, under 2 cm).
 */
public record IndexFilter(long categoryMask, int statusMask, int sourceMask, long fromNanos, long toNanos,
    java.util.Set<String> areas, int[] bbox, boolean isDefault) {

  public static IndexFilter compile(ReportFilter f, List<String> categoryOrder, TileMatrixSet tms) {
    return compile(f, categoryOrder, tms, Status.PUBLIC);
  }

  /**
   * As {@link #compile(ReportFilter, List, TileMatrixSet)} for an index whose entries have the
   * statuses {@code indexed} (the police index holds every status): asking for all of them is the
   * default filter.
   */
  public static IndexFilter compile(ReportFilter f, List<String> categoryOrder, TileMatrixSet tms,
      java.util.Set<Status> indexed) {
    long categories = 0;
    for (int i = 0; i < categoryOrder.size(); i++) {
      if (f.categories().isEmpty() || f.categories().contains(categoryOrder.get(i))) {
        categories |= 1L << i;
      }
    }
    int statuses = statusMask(f);
    int sources = 0;
    for (Source s : Source.values()) {
      if (f.sources().isEmpty() || f.sources().contains(s)) {
        sources |= 1 << s.ordinal();
      }
    }
    long from = f.from() == null ? Long.MIN_VALUE : nanos(f.from());
    long to = f.to() == null ? Long.MAX_VALUE : nanos(f.to());
    int[] box = f.bbox() == null ? null : new int[] {
        tms.worldX(f.bbox().minLon(), f.bbox().maxLat()), tms.worldY(f.bbox().minLon(), f.bbox().maxLat()),
        tms.worldX(f.bbox().maxLon(), f.bbox().minLat()), tms.worldY(f.bbox().maxLon(), f.bbox().minLat())};
    boolean allPublic = indexed.stream().allMatch(s -> (statuses & (1 << s.ordinal())) != 0);
    boolean allCategories = categories == (categoryOrder.size() == 64 ? -1L : (1L << categoryOrder.size()) - 1);
    boolean isDefault = allCategories && allPublic && f.sources().isEmpty() && f.from() == null
        && f.to() == null && f.areas().isEmpty() && f.bbox() == null;
    return new IndexFilter(categories, statuses, sources, from, to, f.areas(), box, isDefault);
  }

  private static int statusMask(ReportFilter f) {
    int mask = 0;
    for (Status s : Status.values()) {
      if (f.statuses().isEmpty() || f.statuses().contains(s)) {
        mask |= 1 << s.ordinal();
      }
    }
    return mask;
  }

  /**
   * A canonical key of what this filter selects in the index, for the tile cache: filters that
   * select the same entries get the same key however they were written (value order, date forms,
   * bbox digits beyond world-unit precision, categories the index does not hold), so rewording a
   * filter cannot make a new cache entry. The default filter's key is empty.
   */
  public String key() {
    return key(PUBLIC_STATUS_MASK);
  }

  /**
   * As {@link #key()} for an index whose entries have the statuses in {@code indexedStatusMask}
   * (bits by ordinal): statuses outside it select nothing there and do not change the key.
   */
  public String key(int indexedStatusMask) {
    if (isDefault) {
      return "";
    }
    StringBuilder sb = new StringBuilder("c").append(Long.toHexString(categoryMask)).append(";s")
        .append(Integer.toHexString(statusMask & indexedStatusMask));
    if (fromNanos != Long.MIN_VALUE) {
      sb.append(";f").append(fromNanos);
    }
    if (toNanos != Long.MAX_VALUE) {
      sb.append(";t").append(toNanos);
    }
    if (!areas.isEmpty()) {
      sb.append(";a").append(String.join(",", new java.util.TreeSet<>(areas)));
    }
    if (sourceMask != ALL_SOURCES) {
      sb.append(";o").append(Integer.toHexString(sourceMask));
    }
    if (bbox != null) {
      sb.append(";b").append(bbox[0]).append(',').append(bbox[1]).append(',').append(bbox[2]).append(',').append(bbox[3]);
    }
    return sb.toString();
  }

  private static final int ALL_SOURCES = (1 << Source.values().length) - 1;

  /** The bits of {@code statuses} by ordinal, as {@link #key(int)} takes them. */
  public static int statusMask(java.util.Set<Status> statuses) {
    return statuses.stream().mapToInt(s -> 1 << s.ordinal()).reduce(0, (a, b) -> a | b);
  }

  private static final int PUBLIC_STATUS_MASK = Status.PUBLIC.stream().mapToInt(s -> 1 << s.ordinal()).reduce(0, (a, b) -> a | b);

  /** Instants as saturated nanoseconds since the epoch, the unit entries store. */
  static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
    }
  }

  /** The index of (category, status, source) in {@link #attributeTable()}: category < 64, status < 8, source < 4 (7 and 3 today). */
  static int attributeKey(int category, int status, int source) {
    return category << 5 | status << 2 | source;
  }

  /**
   * Whether each (category, status, source) passes, indexed by {@link #attributeKey}: one lookup
   * per entry instead of three mask tests in the tightest loop.
   */
  boolean[] attributeTable() {
    boolean[] table = new boolean[64 << 5];
    for (int c = 0; c < 64; c++) {
      for (int s = 0; s < Status.values().length; s++) {
        for (int src = 0; src < Source.values().length; src++) {
          table[attributeKey(c, s, src)] = (categoryMask >>> c & 1) != 0 && (statusMask >>> s & 1) != 0
              && (sourceMask >>> src & 1) != 0;
        }
      }
    }
    return table;
  }

  /** Whether entry {@code i} of {@code c} passes; {@code areaMatch} from {@link AreaTable#matching}. */
  boolean test(PointChunk c, int i, boolean[] areaMatch) {
    return (categoryMask >>> c.category[i] & 1) != 0
        && (statusMask >>> c.status[i] & 1) != 0
        && (sourceMask >>> c.source[i] & 1) != 0
        && c.time[i] >= fromNanos && c.time[i] < toNanos
        && (areaMatch == null || (c.area[i] < areaMatch.length && areaMatch[c.area[i]]))
        && (bbox == null || (c.x[i] >= bbox[0] && c.x[i] <= bbox[2] && c.y[i] >= bbox[1] && c.y[i] <= bbox[3]));
  }
}
