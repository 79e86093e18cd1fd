package pl.kmzb.statistics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.snapshot.SnapshotStamp;

/**
 * The file format of a statistics snapshot: a magic word and {@link #FORMAT}, the
 * {@link SnapshotStamp}, the category codes and the TERYT triples in the numbering the facts use,
 * then per {@link ReportFacts} chunk its key, its day range and its seven columns whole (16 bytes
 * a slot, empty slots included: ids are nearly dense, and whole columns copy in bulk), and a
 * CRC-32C of all of it. The chunks and tables come back exactly as they were written, so restored
 * statistics answer every query as the statistics that were saved.
 */
final class StatisticsSnapshotFile {
  /** Raised whenever what a chunk holds or how it is written changes: an older file is then not used. */
  static final int FORMAT = 1;
  private static final byte[] MAGIC = "KMZB-STA".getBytes(StandardCharsets.US_ASCII);
  /** Key, day range and columns of one chunk. */
  static final long CHUNK_BYTES = 8 + 4 + 4 + (long) ReportFacts.SIZE * (1 + 1 + 2 + 4 + 2 + 2 + 4);
  private static final int MAX_CODE = 1 << 10;

  private StatisticsSnapshotFile() {}

  /** Writes {@code stamp} and {@code data} to {@code ch} (not synced: see the caller). */
  static void write(FileChannel ch, SnapshotStamp stamp, StatisticsIndex.Data data) throws IOException {
    SnapshotOutput out = new SnapshotOutput(ch);
    out.putBytes(MAGIC, 0, MAGIC.length);
    out.putInt(FORMAT);
    stamp.write(out);
    out.putInt(data.categories.size());
    for (int i = 0; i < data.categories.size(); i++) {
      out.putString(data.categories.code(i));
    }
    out.putInt(data.areas.size());
    for (int i = 0; i < data.areas.size(); i++) {
      Teryt t = data.areas.at(i);
      out.putString(t.voivodeship());
      out.putString(t.county());
      out.putString(t.municipality());
    }
    Map<ReportFacts.Chunk, Long> keys = new IdentityHashMap<>();
    data.facts.byKey().forEach((key, c) -> keys.put(c, key));
    out.putInt(data.facts.chunks().size());
    for (ReportFacts.Chunk c : data.facts.chunks()) {
      out.putLong(keys.get(c));
      out.putInt(c.minDay);
      out.putInt(c.maxDay);
      out.putBytes(c.category, 0, ReportFacts.SIZE);
      out.putBytes(c.status, 0, ReportFacts.SIZE);
      out.putChars(c.day, 0, ReportFacts.SIZE);
      out.putInts(c.reportedSecond, 0, ReportFacts.SIZE);
      out.putChars(c.exactArea, 0, ReportFacts.SIZE);
      out.putChars(c.publicArea, 0, ReportFacts.SIZE);
      out.putInts(c.verificationSeconds, 0, ReportFacts.SIZE);
    }
    out.finish();
  }

  /** Reads the stamp only: whether the rest is worth reading is decided before. */
  static SnapshotStamp readStamp(SnapshotInput in) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.getBytes(magic, 0, magic.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new SnapshotException("not a statistics snapshot");
    }
    int format = in.getInt();
    if (format != FORMAT) {
      throw new SnapshotException("format " + format + ", this server reads " + FORMAT);
    }
    return SnapshotStamp.read(in);
  }

  /**
   * Reads the tables and chunks after the stamp into {@code into} (empty, of this server's
   * catalogue) and checks every value against them and the checksum: a file that passes holds
   * nothing a query could trip over.
   */
  static void readData(SnapshotInput in, StatisticsIndex.Data into) throws IOException {
    readCategories(in, into.categories);
    readAreas(in, into.areas);
    int count = in.getInt();
    if (count < 0 || count * CHUNK_BYTES > in.remaining()) {
      throw new SnapshotException(count + " chunks in " + in.remaining() + " bytes (truncated)");
    }
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      long key = in.getLong();
      if (key < 0 || !keys.add(key)) {
        throw new SnapshotException("chunk " + i + " has the key " + key + " (negative or twice)");
      }
      into.facts.restore(key, readChunk(in, into, i));
    }
    in.verifyChecksum();
    into.years.addAll(into);
  }

  private static void readCategories(SnapshotInput in, CategoryTable categories) throws IOException {
    int n = in.getInt();
    if (n < categories.size() || n > Byte.MAX_VALUE) {
      throw new SnapshotException(n + " category codes, the catalogue has " + categories.size());
    }
    for (int i = 0; i < n; i++) {
      String code = in.getString(MAX_CODE);
      if (code == null || (i < categories.size() ? !code.equals(categories.code(i)) : categories.indexOf(code) >= 0)) {
        throw new SnapshotException("category " + i + " is " + code + ", not the catalogue's or a new one");
      }
      categories.intern(code);
    }
  }

  private static void readAreas(SnapshotInput in, AreaTable areas) throws IOException {
    int n = in.getInt();
    if (n < 1 || n > AreaTable.NOT_PUBLIC) {
      throw new SnapshotException(n + " areas");
    }
    for (int i = 0; i < n; i++) {
      Teryt t;
      try {
        t = new Teryt(in.getString(2), in.getString(4), in.getString(7));
      } catch (IllegalArgumentException e) {
        throw new SnapshotException("an area that is not a TERYT triple: " + e.getMessage());
      }
      if (areas.intern(t) != i) {
        throw new SnapshotException("area " + i + " is " + t + ", which comes earlier");
      }
    }
  }

  private static ReportFacts.Chunk readChunk(SnapshotInput in, StatisticsIndex.Data d, int i) throws IOException {
    int minDay = in.getInt();
    int maxDay = in.getInt();
    if (minDay < 0 || minDay > Character.MAX_VALUE || maxDay < 0 || maxDay > Character.MAX_VALUE) {
      throw new SnapshotException("chunk " + i + " has the day range " + minDay + "-" + maxDay);
    }
    ReportFacts.Chunk c = new ReportFacts.Chunk();
    c.minDay = (char) minDay;
    c.maxDay = (char) maxDay;
    int n = ReportFacts.SIZE;
    in.getBytes(c.category, 0, n);
    in.getBytes(c.status, 0, n);
    in.getChars(c.day, n);
    in.getInts(c.reportedSecond, n);
    in.getChars(c.exactArea, n);
    in.getChars(c.publicArea, n);
    in.getInts(c.verificationSeconds, n);
    int categories = d.categories.size();
    int statuses = Status.values().length;
    int areas = d.areas.size();
    for (int s = 0; s < n; s++) {
      if (c.category[s] == ReportFacts.ABSENT) {
        continue;
      }
      if (c.category[s] < 0 || c.category[s] >= categories || c.status[s] < 0 || c.status[s] >= statuses
          || c.exactArea[s] >= areas || (c.publicArea[s] >= areas && c.publicArea[s] != AreaTable.NOT_PUBLIC)
          || c.day[s] < c.minDay || c.day[s] > c.maxDay) {
        throw new SnapshotException("chunk " + i + " slot " + s + " holds a value out of range");
      }
    }
    return c;
  }
}
