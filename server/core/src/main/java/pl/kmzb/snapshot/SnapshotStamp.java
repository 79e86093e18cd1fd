package pl.kmzb.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.locationtech.jts.geom.CoordinateFilter;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.store.Change;
import pl.kmzb.store.ReportStore;

/**
 * What a snapshot of data kept in memory was taken of, written at the head of its file and
 * compared at start before the rest is read: the same database ({@code store}), the position in
 * its change log the contents cover ({@code seq}, and the log entry there as {@code anchor}, so a
 * log rebuilt with other entries is noticed), the same category catalogue, the same shape (what
 * decides the contents besides the data: settings, grids, which structures), and the same
 * boundaries (a fingerprint of their codes and shapes: a generalised report sits in the areas of
 * its cell centre, which move with them).
 */
public record SnapshotStamp(String store, long seq, String anchor, String catalogue, String shape, String boundaries) {
  private static final int MAX_STRING = 1 << 16;

  /** Why a snapshot stamped so cannot serve where {@code expected} holds (its seq and anchor ignored), or null. */
  public String mismatch(SnapshotStamp expected) {
    if (!store.equals(expected.store)) {
      return "taken of another database (" + store + ", this is " + expected.store + ")";
    }
    if (!catalogue.equals(expected.catalogue)) {
      return "taken with another category catalogue";
    }
    if (!shape.equals(expected.shape)) {
      return "taken with other settings (zoom levels, tile grid, categories or the set of indexes)";
    }
    if (!boundaries.equals(expected.boundaries)) {
      return "taken with other boundaries";
    }
    return null;
  }

  /** Null if {@code store}'s change log still holds the entry this stamp was taken at, else why not. */
  public String logMismatch(ReportStore on) {
    String now = anchorAt(on, seq);
    if (now == null) {
      return "the change log no longer holds its position " + seq;
    }
    return now.equals(anchor) ? null : "the change log's entry " + seq + " is another one now";
  }

  /** Writes the stamp's fields in order (the cluster index's file writes the same, field by field). */
  public void write(SnapshotOutput out) throws IOException {
    out.putString(store);
    out.putLong(seq);
    out.putString(anchor);
    out.putString(catalogue);
    out.putString(shape);
    out.putString(boundaries);
  }

  /** Reads what {@link #write} wrote. */
  public static SnapshotStamp read(SnapshotInput in) throws IOException {
    return new SnapshotStamp(in.getString(MAX_STRING), in.getLong(), in.getString(MAX_STRING),
        in.getString(MAX_STRING), in.getString(MAX_STRING), in.getString(MAX_STRING));
  }

  /** The change-log entry at {@code seq} as a string, or null if the log holds none there. */
  public static String anchorAt(ReportStore store, long seq) {
    if (seq <= 0) {
      return null;
    }
    List<Change> at = store.changesSince(seq - 1, 1);
    if (at.isEmpty() || at.get(0).seq() != seq) {
      return null;
    }
    Change c = at.get(0);
    return c.seq() + ":" + c.kind().code() + ":" + c.reportId() + "-" + c.lastReportId() + "@" + c.at();
  }

  /**
   * A fingerprint of the boundaries the contents were built with ({@code areas}: the boundary index
   * the visibility policy looked areas up in, compared by content, not by a version number read at
   * another moment): level, code and every vertex of every boundary. Two 64-bit multiply-rotate
   * hashes rather than a cryptographic digest: national boundaries have millions of vertices, this
   * runs on every start, and only accidental equality matters (the boundaries are the operator's own).
   */
  public static String boundaries(Object areas) {
    if (!(areas instanceof BoundaryIndex index)) {
      return String.valueOf(areas);
    }
    long[] h = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL};
    index.all().stream()
        .sorted(Comparator.comparing((Boundary b) -> b.level()).thenComparing(Boundary::code))
        .forEach(b -> {
          mix(h, (b.level() + ":" + b.code()).hashCode(), b.geometry().getNumPoints());
          b.geometry().apply((CoordinateFilter) c -> mix(h, Double.doubleToLongBits(c.x), Double.doubleToLongBits(c.y)));
        });
    return index.size() + ":" + Long.toHexString(h[0]) + Long.toHexString(h[1]);
  }

  private static void mix(long[] h, long a, long b) {
    h[0] = Long.rotateLeft(h[0] ^ a * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL + b;
    h[1] = Long.rotateLeft(h[1] ^ b * 0x4CF5AD432745937FL, 33) * 0x87C37B91114253D5L + a;
  }

  /** The SHA-256 of a string in hex: catalogues and store locations compared or named by content. */
  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
