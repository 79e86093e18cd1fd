package pl.kmzb.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotFiles;
import pl.kmzb.snapshot.SnapshotStamp;
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
    this.catalogue = SnapshotStamp.sha256(catalog.all().toString());
  }

  /** The snapshots a server keeps by its settings, or empty when they are off. */
  public static Optional<IndexSnapshots> of(ServerConfig config, ReportStore store, CategoryCatalog catalog) {
    return SnapshotFiles.of(config, "cluster-index").map(file -> new IndexSnapshots(file, store, catalog));
  }

  Path file() {
    return file;
  }

  /** The boundaries' fingerprint ({@link SnapshotStamp#boundaries}), compared at start. */
  static String boundaries(Object areas) {
    return SnapshotStamp.boundaries(areas);
  }

  /**
   * Loads the follower's indexes from the snapshot if it is usable for {@code boundaries};
   * false (with one log line saying why, unless there is no file) when the caller must load them
   * from the store.
   */
  boolean restore(IndexFollower follower, String boundaries) {
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      IndexSnapshotFile.Layout layout = IndexSnapshotFile.readLayout(ch);
      SnapshotStamp stamp = layout.stamp();
      String why = stamp.mismatch(expected(follower, 0, null, boundaries));
      if (why == null) {
        why = stamp.logMismatch(store);
      }
      if (why == null && layout.parts().size() != follower.targets().size()) {
        why = "holds " + layout.parts().size() + " indexes, this server keeps " + follower.targets().size();
      }
      if (why != null) {
        throw new SnapshotException(why);
      }
      follower.restore(stamp.seq(), i -> IndexSnapshotFile.readPart(ch, layout.parts().get(i),
          follower.targets().get(i).index()));
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
    Path tmp = SnapshotFiles.temporary(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      long seq = follower.atRest((at, targets) -> {
        String anchor = SnapshotStamp.anchorAt(store, at);
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
      SnapshotFiles.commit(tmp, file);
      LOG.info("cluster index snapshot written to {} (change-log position {}, {} MB) in {} ms", file, seq,
          Files.size(file) >> 20, (System.nanoTime() - t0) / 1_000_000);
      return seq;
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the cluster index snapshot {}: {}", file, e.toString());
      SnapshotFiles.discard(tmp);
      return -1;
    }
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
}
