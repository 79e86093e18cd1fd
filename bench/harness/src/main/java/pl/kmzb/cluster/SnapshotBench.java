package pl.kmzb.cluster;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.demo.DemoGenerator;
import pl.kmzb.report.Teryt;
import pl.kmzb.snapshot.SnapshotStamp;
import pl.kmzb.tiles.WebMercatorQuad;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The in-process half of bench/restart-benchmark.sh: what a restart from a snapshot costs without
 * the JVM start and the database, for COUNT demo reports (the generator of {@link TileBench}) kept
 * in the public and the police index, as a server with tiles.police-index keeps them:
 *
 * <pre>SnapshotBench COUNT RUNS [DIR]</pre>
 *
 * <p>With {@code -Dkeep=FILE} the snapshot is written to FILE and kept; {@code SnapshotBench cold FILE}
 * then restores it once in a fresh JVM, as a server's start does (no code compiled yet).
 *
 * prints the snapshot's size, the time to write it, and per run the time to read, check and
 * rebuild both indexes from it ({@link IndexFollower#restore}, one thread per index), against a bulk
 * build of both from the same columns one after the other (what a load does once the store has been read).
 */
public final class SnapshotBench {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("cold")) {
      cold(Path.of(args[1]));
      return;
    }
    long count = Long.parseLong(args[0]);
    int runs = Integer.parseInt(args[1]);
    Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    CategoryCatalog catalog = CategoryCatalog.load(null);
    VisibilityPolicy policy = new VisibilityPolicy(catalog, p -> Teryt.NONE);
    List<IndexFollower.Target> targets = targets(catalog, policy);
    EntryColumns pub = new EntryColumns((int) count);
    EntryColumns police = new EntryColumns((int) count);
    long[] id = {0};
    new DemoGenerator(catalog, TileBench.SEED, TileBench.NOW).generate(count, r -> {
      var report = TileBench.asReport(++id[0], r);
      IndexEntry e = targets.get(0).points().entryOf(report);
      if (e != null) {
        pub.add(e);
      }
      IndexEntry p = targets.get(1).points().entryOf(report);
      if (p != null) {
        police.add(p);
      }
    });
    long t0 = System.nanoTime();
    targets.get(0).index().build(pub);
    targets.get(1).index().build(police);
    System.out.println("reports=" + count + " public_points=" + pub.size + " police_points=" + police.size);
    System.out.println("bulk_build_both_ms=" + ms(t0));
    String keep = System.getProperty("keep");
    Path file = keep != null ? Path.of(keep) : Files.createTempFile(dir, "snapshot-bench", ".snapshot");
    try {
      SnapshotStamp stamp = new SnapshotStamp("bench", 1, "1", "catalogue", "shape", "boundaries");
      t0 = System.nanoTime();
      IndexSnapshotFile.write(file, stamp, targets.stream().map(IndexFollower.Target::index).toList());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      System.out.println("write_ms=" + ms(t0) + " bytes=" + Files.size(file));
      long[] restore = new long[runs];
      for (int r = 0; r < runs; r++) {
        List<IndexFollower.Target> fresh = targets(catalog, policy);
        t0 = System.nanoTime();
        restore(file, fresh, catalog);
        restore[r] = ms(t0);
        System.out.println("run_" + r + " restore_ms=" + restore[r] + " sizes=" + fresh.get(0).index().size() + "/"
            + fresh.get(1).index().size());
      }
      System.out.println("median_restore_ms=" + median(restore));
    } finally {
      if (keep == null) {
        Files.deleteIfExists(file);
      }
    }
  }

  static void cold(Path file) throws Exception {
    CategoryCatalog catalog = CategoryCatalog.load(null);
    List<IndexFollower.Target> fresh = targets(catalog, new VisibilityPolicy(catalog, p -> Teryt.NONE));
    long t0 = System.nanoTime();
    restore(file, fresh, catalog);
    System.out.println("cold_jvm restore_ms=" + ms(t0) + " sizes=" + fresh.get(0).index().size() + "/"
        + fresh.get(1).index().size());
  }

  /** What a server's start does with a usable snapshot: the layout, then each index read, checked and built on its own thread. */
  static void restore(Path file, List<IndexFollower.Target> fresh, CategoryCatalog catalog) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      IndexSnapshotFile.Layout layout = IndexSnapshotFile.readLayout(ch);
      new IndexFollower(null, fresh, Clock.systemUTC()).restore(1, i -> IndexSnapshotFile.readPart(ch,
          layout.parts().get(i), fresh.get(i).index()));
    }
  }

  static List<IndexFollower.Target> targets(CategoryCatalog catalog, VisibilityPolicy policy) {
    ClusterIndex pub = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    ClusterIndex police = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
    List<IndexFollower.Target> out = new ArrayList<>();
    out.add(new IndexFollower.Target(pub, new PublicPoints(catalog, policy, WebMercatorQuad.INSTANCE, pub)));
    out.add(new IndexFollower.Target(police, new PolicePoints(catalog, WebMercatorQuad.INSTANCE, police)));
    return out;
  }

  static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
