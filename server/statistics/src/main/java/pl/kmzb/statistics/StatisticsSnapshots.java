package pl.kmzb.statistics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.report.Status;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotFiles;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotStamp;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StoreIdentity;

/**
 * The local snapshot of the statistics' facts, so a restart reads one file (~16 bytes a report)
 * and catches up from the change log instead of scanning every report and the history. Kept like
 * the cluster index's snapshot ({@code cluster.IndexSnapshots}, same folder and interval, its own
 * file): written atomically, used at start only when its stamp matches this database, catalogue,
 * shape and boundaries, the change log still holds the entry it was taken at, and its checksum is
 * right. Anything else falls back to the normal load with one log line.
 */
public final class StatisticsSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsSnapshots.class);

  private final Path file;
  private final ReportStore store;
  private final String catalogue;
  private final String shape;

  StatisticsSnapshots(Path file, ReportStore store, CategoryCatalog catalog) {
    this.file = file;
    this.store = store;
    this.catalogue = SnapshotStamp.sha256(catalog.all().toString());
    this.shape = shape(catalog);
  }

  /** The snapshots a server keeps by its settings ({@code index.snapshot-*}), or empty when they are off. */
  public static Optional<StatisticsSnapshots> of(ServerConfig config, ReportStore store, CategoryCatalog catalog) {
    return SnapshotFiles.of(config, "statistics").map(file -> new StatisticsSnapshots(file, store, catalog));
  }

  Path file() {
    return file;
  }

  /**
   * Puts the follower's facts from the snapshot if it is usable for {@code boundaries} (a
   * fingerprint, {@link SnapshotStamp#boundaries}); false (with one log line saying why, unless
   * there is no file) when the caller must load them from the store. Nothing of a refused file
   * reaches the statistics.
   */
  boolean restore(StatisticsFollower follower, String boundaries) {
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SnapshotInput in = new SnapshotInput(ch);
      SnapshotStamp stamp = StatisticsSnapshotFile.readStamp(in);
      String why = stamp.mismatch(expected(0, null, boundaries));
      if (why == null) {
        why = stamp.logMismatch(store);
      }
      if (why != null) {
        throw new SnapshotException(why);
      }
      StatisticsIndex.Data data = follower.index().newData();
      StatisticsSnapshotFile.readData(in, data);
      follower.restore(stamp.seq(), data);
      LOG.info("statistics restored from {} ({} reports, change-log position {}) in {} ms", file, data.facts.size(),
          stamp.seq(), (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      LOG.warn("statistics snapshot {} not used, loading from the store instead: {}", file, e.getMessage());
      return false;
    }
  }

  /**
   * Writes a snapshot of the follower's facts as they are now; returns the change-log position it
   * covers, or -1 when there was nothing to anchor it to (an empty log) or writing failed (logged;
   * the last snapshot stays).
   */
  long save(StatisticsFollower follower, String boundaries) {
    long t0 = System.nanoTime();
    Path tmp = SnapshotFiles.temporary(file);
    try {
      long seq = follower.atRest((at, data) -> {
        String anchor = SnapshotStamp.anchorAt(store, at);
        if (anchor == null) {
          return -1L;
        }
        try (FileChannel ch = SnapshotFiles.create(tmp)) {
          StatisticsSnapshotFile.write(ch, expected(at, anchor, boundaries), data);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return at;
      });
      if (seq < 0) {
        return -1;
      }
      // Synced and renamed outside the follower's lock: changes are applied again while the disk catches up.
      SnapshotFiles.commit(tmp, file);
      LOG.info("statistics snapshot written to {} (change-log position {}, {} MB) in {} ms", file, seq,
          Files.size(file) >> 20, (System.nanoTime() - t0) / 1_000_000);
      return seq;
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the statistics snapshot {}: {}", file, e.toString());
      SnapshotFiles.discard(tmp);
      return -1;
    }
  }

  private SnapshotStamp expected(long seq, String anchor, String boundaries) {
    return new SnapshotStamp(StoreIdentity.of(store), seq, anchor, catalogue, shape, boundaries);
  }

  /**
   * What decides the facts besides the data: the chunk size, the calendar days are counted in,
   * the statuses (their order is the status column's), the verdicts, and the catalogue's groups.
   */
  private static String shape(CategoryCatalog catalog) {
    return "facts/" + ReportFacts.SIZE + "@" + StatisticsIndex.ZONE + Arrays.toString(Status.values())
        + StatisticsIndex.VERDICTS.stream().map(Enum::name).sorted().toList()
        + catalog.groups().stream().map(g -> g.code()).toList();
  }
}
