package pl.kmzb.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.report.Teryt;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.snapshot.SnapshotStamp;

/**
 * The file format of a cluster-index snapshot: a magic word and {@link #FORMAT}, then sections, each
 * its length (8 bytes) and its bytes ending in their CRC-32C: first the {@link SnapshotStamp} and the
 * number of indexes, then per index its areas, its entries column by column (37 bytes a report, the
 * Morton codes included), its grid aggregates ({@link GridAggregates#write}) and its Web Mercator
 * aggregates ({@link CellAggregates#write}, {@link CategoryAggregates#write}). One section per
 * index so that a restart reads and checks the indexes at once, each on its own thread, by
 * positional reads of one channel. Columns in the point store's (Morton) order; a restore puts them
 * in the point store's chunks as they are and takes every aggregate as written, so neither the
 * projection of every report into each grid set nor the adding of each to its Web Mercator cells
 * (most of a bulk build, {@link ClusterIndex#build}) is repeated.
 *
 * <p>Reading checks the framing, the sizes and every section's CRC-32C, and nothing per entry: each
 * column arrives by bulk copies, which run at memory speed in a JVM that has compiled nothing yet,
 * while a loop over millions of entries runs in the interpreter or profiled code behind the start's
 * queue of compilations (0.5–1.2 s a part on two cores, measured). What the entries hold is checked
 * once the server is ready ({@link ClusterIndex#check}): a file whose checksums hold was written from
 * an index that was right, so that check guards against a fault of this code, not of the disk.
 */
final class IndexSnapshotFile {
  /** Raised whenever what an entry holds or how it is written changes: an older file is then not used. */
  static final int FORMAT = 6;
  private static final byte[] MAGIC = "KMZB-IDX".getBytes(StandardCharsets.US_ASCII);
  private static final int ENTRY_BYTES = 8 + 4 + 4 + 8 + 8 + 1 + 1 + 1 + 2;
  private static final int MAX_STRING = 1 << 16;
  private static final int PREFIX = MAGIC.length + 4;

  /** One index's entries as read back, areas numbered as in {@code areas}. */
  record Part(List<Teryt> areas, List<PointChunk> chunks, int size, List<GridAggregates> grids, CellAggregates cells,
      CategoryAggregates byCategory) {}

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
      ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).putInt(FORMAT).flip();
      while (prefix.hasRemaining()) {
        ch.write(prefix);
      }
      section(ch, out -> {
        out.putString(stamp.store());
        out.putLong(stamp.seq());
        out.putString(stamp.anchor());
        out.putString(stamp.catalogue());
        out.putString(stamp.shape());
        out.putString(stamp.boundaries());
        out.putInt(indexes.size());
      });
      for (ClusterIndex index : indexes) {
        section(ch, out -> {
          try {
            index.writeEntries(out);
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
        });
      }
    }
  }

  private interface SectionBody {
    void write(SnapshotOutput out) throws IOException;
  }

  /** Writes one section at the channel's position: its length, filled in once known, then the body and its checksum. */
  private static void section(FileChannel ch, SectionBody body) throws IOException {
    long at = ch.position();
    ch.position(at + 8);
    SnapshotOutput out = new SnapshotOutput(ch);
    body.write(out);
    out.finish();
    long end = ch.position();
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(end - at - 8).flip();
    while (length.hasRemaining()) {
      ch.write(length, at + 8 - length.remaining());
    }
  }

  /** Where each index's section lies in the file. */
  record Section(long start, long length) {}

  /** What the first section says, and where the indexes' sections lie (checked to fill the file exactly). */
  record Layout(SnapshotStamp stamp, List<Section> parts) {}

  /**
   * Reads the magic word, the format and the stamp, and finds the indexes' sections: whether they are
   * worth reading is decided before.
   */
  static Layout readLayout(FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, prefix, 0);
    byte[] magic = new byte[MAGIC.length];
    prefix.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new SnapshotException("not a cluster index snapshot");
    }
    int format = prefix.getInt();
    if (format != FORMAT) {
      throw new SnapshotException("format " + format + ", this server reads " + FORMAT);
    }
    Section head = sectionAt(ch, PREFIX, size);
    SnapshotInput in = new SnapshotInput(ch, head.start(), head.length());
    SnapshotStamp stamp = new SnapshotStamp(in.getString(MAX_STRING), in.getLong(), in.getString(MAX_STRING),
        in.getString(MAX_STRING), in.getString(MAX_STRING), in.getString(MAX_STRING));
    int count = in.getInt();
    in.verifyChecksum();
    if (count < 0 || count > 16) {
      throw new SnapshotException(count + " indexes");
    }
    List<Section> parts = new ArrayList<>();
    long at = head.start() + head.length();
    for (int p = 0; p < count; p++) {
      Section part = sectionAt(ch, at, size);
      parts.add(part);
      at = part.start() + part.length();
    }
    if (at != size) {
      throw new SnapshotException((size - at) + " bytes after the last section");
    }
    return new Layout(stamp, parts);
  }

  /** The section whose length is written at {@code at}: within the file, and long enough for its checksum. */
  private static Section sectionAt(FileChannel ch, long at, long size) throws IOException {
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, length, at);
    long n = length.getLong();
    if (n < 8 || n > size - at - 8) {
      throw new SnapshotException("a section of " + n + " bytes at " + at + " in a file of " + size + " (truncated?)");
    }
    return new Section(at + 8, n);
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new SnapshotException("the file ends early (truncated)");
      }
    }
    b.flip();
  }

  /**
   * Reads one index's section and checks its checksum. Safe to call for several sections of one
   * channel at once.
   */
  static Part readPart(FileChannel ch, Section section, ClusterIndex into) throws IOException {
    SnapshotInput in = new SnapshotInput(ch, section.start(), section.length());
    Part part = readPart(in, into);
    in.verifyChecksum();
    return part;
  }

  private static Part readPart(SnapshotInput in, ClusterIndex into) throws IOException {
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
      in.getLongs(c.morton, c.size);
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
    List<GridAggregates> grids = into.emptyGrids();
    int gridCount = in.getInt();
    if (gridCount != grids.size()) {
      throw new SnapshotException(gridCount + " grid aggregates, this index keeps " + grids.size());
    }
    for (GridAggregates g : grids) {
      g.read(in, n);
    }
    CellAggregates cells = into.emptyCells();
    cells.read(in, n);
    CategoryAggregates byCategory = into.emptyByCategory();
    byCategory.read(in, n);
    return new Part(areas, chunks, n, grids, cells, byCategory);
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
    column(points, (c, from, k) -> out.putLongs(c.morton, from, k));
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
