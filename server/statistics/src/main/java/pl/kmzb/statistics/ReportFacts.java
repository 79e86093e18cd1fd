package pl.kmzb.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the statistics keep of each report, in columns (16 bytes a report, ~80 MB at 5 M): its
 * category, status, local day, reported-at second, exact and public area, and the seconds it took
 * to reach its first verdict. A change replaces a report's facts, so its old contribution is gone
 * with them; no per-cell totals have to be subtracted.
 *
 * <p>Report ids come from an identity sequence and are nearly dense, so the columns are indexed by
 * id in chunks of {@link #SIZE}, allocated when a chunk gets its first report: no id → slot map.
 * Each chunk keeps the range of days it holds (widened on every put, never narrowed), and a query
 * skips chunks outside its days: ids grow with time, so a query for last month reads few chunks.
 */
final class ReportFacts {
  static final int SHIFT = 12;
  static final int SIZE = 1 << SHIFT;
  /** The category column's value for an empty slot. */
  static final byte ABSENT = -1;
  /** The verification column's value for a report without a first verdict. */
  static final int NO_DURATION = Integer.MIN_VALUE;

  /** One run of {@link #SIZE} ids. */
  static final class Chunk {
    final byte[] category = new byte[SIZE];
    final byte[] status = new byte[SIZE];
    /** Days since 1970-01-01 on the statistics' calendar. */
    final char[] day = new char[SIZE];
    /** Seconds since {@link ReportFacts#EPOCH_SECOND}, for the take-up deadline. */
    final int[] reportedSecond = new int[SIZE];
    final char[] exactArea = new char[SIZE];
    /** {@link AreaTable#NOT_PUBLIC} for a report the public does not see. */
    final char[] publicArea = new char[SIZE];
    final int[] verificationSeconds = new int[SIZE];
    int live;
    char minDay = Character.MAX_VALUE;
    char maxDay = 0;

    Chunk() {
      Arrays.fill(category, ABSENT);
    }
  }

  /** 2000-01-01T00:00:00Z: an int of seconds from here covers 1932 to 2068. */
  static final long EPOCH_SECOND = 946_684_800L;

  private final Map<Long, Chunk> byKey = new HashMap<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private int size;

  void put(long id, byte category, byte status, char day, int reportedSecond, char exactArea, char publicArea,
      int verificationSeconds) {
    Chunk c = byKey.get(id >>> SHIFT);
    if (c == null) {
      c = new Chunk();
      byKey.put(id >>> SHIFT, c);
      chunks.add(c);
    }
    int s = (int) (id & (SIZE - 1));
    if (c.category[s] == ABSENT) {
      c.live++;
      size++;
    }
    c.category[s] = category;
    c.status[s] = status;
    c.day[s] = day;
    c.reportedSecond[s] = reportedSecond;
    c.exactArea[s] = exactArea;
    c.publicArea[s] = publicArea;
    c.verificationSeconds[s] = verificationSeconds;
    c.minDay = (char) Math.min(c.minDay, day);
    c.maxDay = (char) Math.max(c.maxDay, day);
  }

  /** Forgets a report (deleted, purged, or no longer readable); false if it was not here. */
  boolean remove(long id) {
    Chunk c = byKey.get(id >>> SHIFT);
    int s = (int) (id & (SIZE - 1));
    if (c == null || c.category[s] == ABSENT) {
      return false;
    }
    c.category[s] = ABSENT;
    c.live--;
    size--;
    return true;
  }

  /** Sets the verification time of a report already here; ignored for one that is not. */
  void setVerification(long id, int seconds) {
    Chunk c = byKey.get(id >>> SHIFT);
    int s = (int) (id & (SIZE - 1));
    if (c != null && c.category[s] != ABSENT) {
      c.verificationSeconds[s] = seconds;
    }
  }

  /** The chunk holding id {@code id}, or null (its slot: {@code id & (SIZE - 1)}). */
  Chunk chunk(long id) {
    return byKey.get(id >>> SHIFT);
  }

  byte status(long id) {
    Chunk c = byKey.get(id >>> SHIFT);
    int s = (int) (id & (SIZE - 1));
    return c == null || c.category[s] == ABSENT ? ABSENT : c.status[s];
  }

  /** The seconds to the first verdict of a report, {@link #NO_DURATION} for none or one that is not here. */
  int verificationSeconds(long id) {
    Chunk c = byKey.get(id >>> SHIFT);
    int s = (int) (id & (SIZE - 1));
    return c == null || c.category[s] == ABSENT ? NO_DURATION : c.verificationSeconds[s];
  }

  /** The reported-at second of a report that is here. */
  int reportedSecond(long id) {
    return byKey.get(id >>> SHIFT).reportedSecond[(int) (id & (SIZE - 1))];
  }

  /** The chunks by key (ids >>> {@link #SHIFT}), for a snapshot. */
  Map<Long, Chunk> byKey() {
    return byKey;
  }

  /** Adds a chunk a snapshot held under {@code key} (not here yet), counting its reports. */
  void restore(long key, Chunk c) {
    int live = 0;
    for (byte category : c.category) {
      if (category != ABSENT) {
        live++;
      }
    }
    c.live = live;
    size += live;
    byKey.put(key, c);
    chunks.add(c);
  }

  List<Chunk> chunks() {
    return chunks;
  }

  int size() {
    return size;
  }
}
