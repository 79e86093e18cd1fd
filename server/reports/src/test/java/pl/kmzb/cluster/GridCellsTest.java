package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;

/**
 * A grid level written and read back is the same level, and its check (run on restored levels once
 * the server is ready) finds cells whose counts do not add up, while emptied, reused slots pass.
 */
class GridCellsTest {
  private static final int CATEGORIES = 5;
  private static final int STATUSES = 3;

  @TempDir Path dir;

  @Test
  void aLevelReadBackIsTheSameAndPassesItsCheck() throws Exception {
    GridCells cells = filled(new SplittableRandom(4), 3_000);
    assertNull(cells.check("built"));
    GridCells read = roundTrip(cells);
    assertEquals(cells.describe(), read.describe());
    assertEquals(cells.size(), read.size());
    assertNull(read.check("read"));
    for (int s = 0; s < 50; s++) {
      long key = Long.parseLong(cells.describe().get(s).split(":")[0]);
      assertEquals(cells.count[cells.find(key)], read.count[read.find(key)], "every key found after the read");
    }
  }

  @Test
  void theCheckFindsCountsThatDoNotAddUp() throws Exception {
    GridCells read = roundTrip(filled(new SplittableRandom(5), 500));
    read.count[7]++;
    assertEquals("an inconsistent cell at here", read.check("here"));
    read.count[7]--;
    read.categoryCounts[7 * CATEGORIES + 2]++;
    assertEquals("an inconsistent cell at here", read.check("here"));
  }

  @Test
  void aKeyTwiceIsRefusedAtTheRead() throws Exception {
    GridCells a = new GridCells(CATEGORIES, STATUSES);
    a.change(a.findOrAdd(11), 1, 1, 1, 1, 0, 0, 1);
    a.change(a.findOrAdd(12), 1, 1, 1, 1, 0, 0, 1);
    Path file = dir.resolve("twice");
    write(a, file);
    // the second key (after the count) made equal to the first
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, 11), 4 + 8);
    }
    try (FileChannel ch = FileChannel.open(file)) {
      SnapshotInput in = new SnapshotInput(ch);
      SnapshotException e = assertThrows(SnapshotException.class,
          () -> GridCells.read(in, CATEGORIES, STATUSES, 100, "level"));
      assertEquals("a cell twice at level", e.getMessage());
    }
  }

  /** Cells of random keys, some emptied again so their slots are free or reused. */
  private static GridCells filled(SplittableRandom r, int n) {
    GridCells cells = new GridCells(CATEGORIES, STATUSES);
    for (int i = 0; i < n; i++) {
      long key = r.nextLong(n / 2);
      int s = cells.findOrAdd(key);
      int sign = cells.count[s] > 0 && r.nextInt(4) == 0 ? -1 : 1;
      int category = sign < 0 ? firstCounted(cells.categoryCounts(s)) : r.nextInt(CATEGORIES);
      int status = sign < 0 ? firstCounted(cells.statusCounts(s)) : r.nextInt(STATUSES);
      cells.change(s, r.nextLong(1000), r.nextLong(1000), i, i, category, status, sign);
    }
    return cells;
  }

  private static int firstCounted(int[] counts) {
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        return k;
      }
    }
    throw new IllegalStateException("an empty cell");
  }

  private GridCells roundTrip(GridCells cells) throws Exception {
    Path file = dir.resolve("level");
    write(cells, file);
    try (FileChannel ch = FileChannel.open(file)) {
      SnapshotInput in = new SnapshotInput(ch);
      GridCells read = GridCells.read(in, CATEGORIES, STATUSES, 1_000_000, "level");
      in.verifyChecksum();
      return read;
    }
  }

  private static void write(GridCells cells, Path file) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      SnapshotOutput out = new SnapshotOutput(ch);
      cells.write(out);
      out.finish();
    }
  }
}
