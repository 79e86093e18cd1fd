package pl.kmzb.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.snapshot.SnapshotStamp;
import pl.kmzb.tiles.Morton;

/**
 * The file format of a cluster-index snapshot: a magic word and {@link #FORMAT}, the
 * {@link SnapshotStamp}, then per index its areas, its entries column by column (29 bytes a
 * report) and its grid aggregates ({@link GridAggregates#write}), and a CRC-32C of all of it.
 * Columns in the point store's (Morton) order; a load builds the point store and the Web Mercator
 * aggregates the one way a fresh load does ({@link ClusterIndex#build}) and takes the grid aggregates
 * as written, so the projection of every report (most of a bulk build) is not repeated.
 */
final class IndexSnapshotFile {
  /** Raised whenever what an entry holds or how it is written changes: an older file is then not used. */
  static final int FORMAT = 3;
  private static final byte[] MAGIC = "KMZB-IDX".getBytes(StandardCharsets.US_ASCII);
  private static final int ENTRY_BYTES = 8 + 4 + 4 + 8 + 1 + 1 + 1 + 2;
  private static final int MAX_STRING = 1 << 16;

  /** One index's entries as read back, areas numbered as in {@code areas}. */
  record Part(List<Teryt> areas, List<PointChunk> chunks, int size, List<GridAggregates> grids) {}

  private IndexSnapshotFile() {}

  /** Writes {@code stamp} and the entries of {@code indexes} to {@code file} (not synced: see the caller). */
  static void write(Path file, SnapshotStamp stamp, List<ClusterIndex> indexes) throws IOException {
    // The police index holds every report's exact spot and source: the file is the owner's alone.
    Files.deleteIfExists(file);
    java.util.Set<java.nio.file.OpenOption> options = java.util.Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    try (FileChannel ch = file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(file, options)) {
      SnapshotOutput out = new SnapshotOutput(ch);
      out.putBytes(MAGIC, 0, MAGIC.length);
      out.putInt(FORMAT);
      out.putString(stamp.store());
      out.putLong(stamp.seq());
      out.putString(stamp.anchor());
      out.putString(stamp.catalogue());
      out.putString(stamp.shape());
      out.putString(stamp.boundaries());
      out.putInt(indexes.size());
      for (ClusterIndex index : indexes) {
        try {
          index.writeEntries(out);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      out.finish();
    }
  }

  /** Reads the stamp only: whether the rest is worth reading is decided before. */
  static SnapshotStamp readStamp(SnapshotInput in) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.getBytes(magic, 0, magic.length);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new SnapshotException("not a cluster index snapshot");
    }
    int format = in.getInt();
    if (format != FORMAT) {
      throw new SnapshotException("format " + format + ", this server reads " + FORMAT);
    }
    return new SnapshotStamp(in.getString(MAX_STRING), in.getLong(), in.getString(MAX_STRING),
        in.getString(MAX_STRING), in.getString(MAX_STRING), in.getString(MAX_STRING));
  }

  /**
   * Reads the indexes' entries after the stamp and checks the checksum; {@code categories} bounds
   * the category codes an entry may hold.
   */
  static List<Part> readParts(SnapshotInput in, List<ClusterIndex> indexes, int categories) throws IOException {
    int count = in.getInt();
    if (count != indexes.size()) {
      throw new SnapshotException("holds " + count + " indexes, this server keeps " + indexes.size());
    }
    List<Part> parts = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      parts.add(readPart(in, categories, indexes.get(p).emptyGrids()));
    }
    in.verifyChecksum();
    return parts;
  }

  private static Part readPart(SnapshotInput in, int categories, List<GridAggregates> grids) throws IOException {
    int areaCount = in.getInt();
    if (areaCount < 0 || areaCount > AreaTable.MAX) {
      throw new SnapshotException(areaCount + " areas");
    }
    List<Teryt> areas = new ArrayList<>();
    for (int a = 0; a < areaCount; a++) {
      String v = in.getString(2);
      String c = in.getString(4);
      String m = in.getString(7);
      try {
        areas.add(new Teryt(v, c, m));
      } catch (IllegalArgumentException e) {
        throw new SnapshotException("an area that is not a TERYT triple: " + e.getMessage());
      }
    }
    int n = in.getInt();
    if (n < 0 || (long) n * ENTRY_BYTES > in.remaining()) {
      throw new SnapshotException(n + " entries in " + in.remaining() + " bytes (truncated)");
    }
    // Straight into the point store's chunks, filled as a bulk load fills them: no second copy.
    List<PointChunk> chunks = new ArrayList<>();
    for (int start = 0; start < n; start += PointStore.BULK_FILL) {
      PointChunk chunk = new PointChunk(Math.max(16, Math.min(PointStore.BULK_FILL, n - start)));
      chunk.size = Math.min(PointStore.BULK_FILL, n - start);
      chunks.add(chunk);
    }
    for (PointChunk c : chunks) {
      in.getLongs(c.id, c.size);
    }
    for (PointChunk c : chunks) {
      in.getInts(c.x, c.size);
    }
    for (PointChunk c : chunks) {
      in.getInts(c.y, c.size);
    }
    for (PointChunk c : chunks) {
      in.getLongs(c.time, c.size);
    }
    for (PointChunk c : chunks) {
      in.getBytes(c.category, 0, c.size);
    }
    for (PointChunk c : chunks) {
      in.getBytes(c.status, 0, c.size);
    }
    for (PointChunk c : chunks) {
      in.getBytes(c.source, 0, c.size);
    }
    for (PointChunk c : chunks) {
      in.getShorts(c.area, c.size);
    }
    checkEntries(chunks, categories, areaCount);
    int gridCount = in.getInt();
    if (gridCount != grids.size()) {
      throw new SnapshotException(gridCount + " grid aggregates, this index keeps " + grids.size());
    }
    for (GridAggregates g : grids) {
      g.read(in, n);
    }
    return new Part(areas, chunks, n, grids);
  }

  /**
   * Checks every value against its range and computes the Morton codes, which must ascend with the
   * ids as in the point store that wrote them: a snapshot that passed its checksum yet breaks these
   * would otherwise answer wrong tiles, not fail.
   */
  private static void checkEntries(List<PointChunk> chunks, int categories, int areaCount) throws IOException {
    long lastMorton = Long.MIN_VALUE;
    long lastId = Long.MIN_VALUE;
    int at = 0;
    for (PointChunk c : chunks) {
      for (int i = 0; i < c.size; i++, at++) {
        if (c.x[i] < 0 || c.y[i] < 0 || c.category[i] < 0 || c.category[i] >= categories
            || c.status[i] < 0 || c.status[i] >= Status.values().length || c.source[i] < 0
            || c.source[i] >= Source.values().length || c.area[i] < 0 || c.area[i] >= areaCount) {
          throw new SnapshotException("entry " + at + " holds a value out of range");
        }
        long m = Morton.encode(c.x[i], c.y[i]);
        if (m < lastMorton || m == lastMorton && c.id[i] <= lastId) {
          throw new SnapshotException("entry " + at + " is out of the point store's order");
        }
        c.morton[i] = m;
        lastMorton = m;
        lastId = c.id[i];
      }
    }
  }

  /** The column writer {@link ClusterIndex#writeEntries} uses for one index: areas, then entries. */
  static void writePart(SnapshotOutput out, Teryt[] areas, int n, PointStore points) throws IOException {
    out.putInt(areas.length);
    for (Teryt t : areas) {
      out.putString(t.voivodeship());
      out.putString(t.county());
      out.putString(t.municipality());
    }
    out.putInt(n);
    column(points, (c, from, k) -> out.putLongs(c.id, from, k));
    column(points, (c, from, k) -> out.putInts(c.x, from, k));
    column(points, (c, from, k) -> out.putInts(c.y, from, k));
    column(points, (c, from, k) -> out.putLongs(c.time, from, k));
    column(points, (c, from, k) -> out.putBytes(c.category, from, k));
    column(points, (c, from, k) -> out.putBytes(c.status, from, k));
    column(points, (c, from, k) -> out.putBytes(c.source, from, k));
    column(points, (c, from, k) -> out.putShorts(c.area, from, k));
  }

  private interface Run {
    void write(PointChunk chunk, int from, int count) throws IOException;
  }

  private static void column(PointStore points, Run run) {
    points.forEach(0, Long.MAX_VALUE, (c, from, to) -> {
      try {
        run.write(c, from, to - from);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
