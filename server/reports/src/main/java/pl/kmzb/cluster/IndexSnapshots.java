package pl.kmzb.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.locationtech.jts.geom.CoordinateFilter;
import org.slf4j.LoggerFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.store.Change;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StoreIdentity;

/**
 * The local snapshot of a follower's cluster indexes, so a restart reads one file and catches up
 * from the change log instead of reading every report from the store. Written atomically (a
 * temporary file, synced, renamed over the last one); used at start only when its stamp matches
 * this database, catalogue, index shape and boundaries, the change log still holds the entry it
 * was taken at, and its checksum is right. Anything else falls back to the normal load with one
 * log line — a snapshot can only make a start faster, never different.
 */
public final class IndexSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(IndexSnapshots.class);

  private final Path file;
  private final ReportStore store;
  private final String catalogue;

  IndexSnapshots(Path file, ReportStore store, CategoryCatalog catalog) {
    this.file = file;
    this.store = store;
    this.catalogue = sha256(catalog.all().toString());
  }

  /** The snapshots a server keeps by its settings, or empty when they are off. */
  public static Optional<IndexSnapshots> of(ServerConfig config, ReportStore store, CategoryCatalog catalog) {
    String where = config.store().equals("postgis") ? config.postgisUrl()
        : config.embeddedFile().toAbsolutePath().normalize().toString();
    // Named after the store, so servers of different databases sharing a folder keep their own.
    return config.indexSnapshot().folder(config).map(dir -> new IndexSnapshots(
        dir.resolve("cluster-index-" + sha256(where).substring(0, 12) + ".snapshot"), store, catalog));
  }

  Path file() {
    return file;
  }

  /**
   * A fingerprint of the boundaries the indexes were built with ({@code areas}: the boundary index
   * the visibility policy looked areas up in, compared by content, not by a version number read at
   * another moment): level, code and every vertex of every boundary. Two 64-bit multiply-rotate
   * hashes rather than a cryptographic digest: national boundaries have millions of vertices, this
   * runs on every start, and only accidental equality matters (the boundaries are the operator's own).
   */
  static String boundaries(Object areas) {
    if (!(areas instanceof BoundaryIndex index)) {
      return String.valueOf(areas);
    }
    long[] h = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL};
    index.all().stream()
        .sorted(java.util.Comparator.comparing((Boundary b) -> b.level()).thenComparing(Boundary::code))
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

  /**
   * Loads the follower's indexes from the snapshot if it is usable for {@code boundaries};
   * false (with one log line saying why, unless there is no file) when the caller must load them
   * from the store.
   */
  boolean restore(IndexFollower follower, String boundaries) {
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SnapshotInput in = new SnapshotInput(ch);
      SnapshotStamp stamp = IndexSnapshotFile.readStamp(in);
      String why = stamp.mismatch(expected(follower, 0, null, boundaries));
      if (why == null) {
        why = logMismatch(stamp);
      }
      if (why != null) {
        throw new SnapshotException(why);
      }
      List<IndexSnapshotFile.Part> parts = IndexSnapshotFile.readParts(in, follower.targets().size(),
          follower.targets().get(0).points().categoryOrder().size());
      follower.restore(stamp.seq(), parts);
      LOG.info("cluster index restored from {} (change-log position {}) in {} ms", file, stamp.seq(),
          (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cluster index snapshot {} not used, loading from the store instead: {}", file, e.getMessage());
      return false;
    }
  }

  /**
   * Writes a snapshot of the follower's indexes as they are now; returns the change-log position
   * it covers, or -1 when there was nothing to anchor it to (an empty log) or writing failed
   * (logged; the last snapshot stays).
   */
  long save(IndexFollower follower, String boundaries) {
    long t0 = System.nanoTime();
    // Per process: two servers of one database sharing the folder never write into each other's file.
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      long seq = follower.atRest((at, targets) -> {
        String anchor = anchorAt(at);
        if (anchor == null) {
          return -1L;
        }
        IndexSnapshotFile.write(tmp, expected(follower, at, anchor, boundaries),
            targets.stream().map(IndexFollower.Target::index).toList());
        return at;
      });
      if (seq < 0) {
        return -1;
      }
      // Synced and renamed outside the follower's lock: changes are applied again while the disk catches up.
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      LOG.info("cluster index snapshot written to {} (change-log position {}, {} MB) in {} ms", file, seq,
          Files.size(file) >> 20, (System.nanoTime() - t0) / 1_000_000);
      return seq;
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the cluster index snapshot {}: {}", file, e.toString());
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the next write truncates it
      }
      return -1;
    }
  }

  /** Null if the store's change log still holds the entry the snapshot was taken at, else why not. */
  private String logMismatch(SnapshotStamp stamp) {
    String now = anchorAt(stamp.seq());
    if (now == null) {
      return "the change log no longer holds its position " + stamp.seq();
    }
    return now.equals(stamp.anchor()) ? null : "the change log's entry " + stamp.seq() + " is another one now";
  }

  /** The change-log entry at {@code seq} as a string, or null if the log holds none there. */
  private String anchorAt(long seq) {
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

  private SnapshotStamp expected(IndexFollower follower, long seq, String anchor, String boundaries) {
    return new SnapshotStamp(StoreIdentity.of(store), seq, anchor, catalogue, shape(follower), boundaries);
  }

  /** What decides the entries and their order besides the data: settings, grid, categories, which indexes. */
  private static String shape(IndexFollower follower) {
    StringBuilder s = new StringBuilder();
    for (IndexFollower.Target t : follower.targets()) {
      s.append(t.points().getClass().getSimpleName()).append(t.index().settings()).append('@')
          .append(t.points().matrixSet().id()).append(t.points().categoryOrder()).append(';');
    }
    return s.toString();
  }

  private static String sha256(String s) {
    return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
