package pl.kmzb.cluster;

import java.util.Arrays;

/**
 * Entries for a bulk build, column by column, in any order: {@link ClusterIndex#build} sorts them
 * by Morton code without creating an object per report.
 */
final class EntryColumns {
  long[] id;
  int[] x;
  int[] y;
  long[] time;
  byte[] category;
  byte[] status;
  byte[] source;
  short[] area;
  int size;

  EntryColumns(int expected) {
    int n = Math.max(16, expected);
    id = new long[n];
    x = new int[n];
    y = new int[n];
    time = new long[n];
    category = new byte[n];
    status = new byte[n];
    source = new byte[n];
    area = new short[n];
  }

  void add(IndexEntry e) {
    if (size == id.length) {
      grow(size + (size >> 1));
    }
    id[size] = e.id();
    x[size] = e.x();
    y[size] = e.y();
    time[size] = e.time();
    category[size] = (byte) e.category();
    status[size] = (byte) e.status();
    source[size] = (byte) e.source();
    area[size] = (short) e.area();
    size++;
  }

  IndexEntry entry(int i) {
    return new IndexEntry(id[i], x[i], y[i], category[i], status[i], source[i], time[i], area[i]);
  }

  private void grow(int n) {
    id = Arrays.copyOf(id, n);
    x = Arrays.copyOf(x, n);
    y = Arrays.copyOf(y, n);
    time = Arrays.copyOf(time, n);
    category = Arrays.copyOf(category, n);
    status = Arrays.copyOf(status, n);
    source = Arrays.copyOf(source, n);
    area = Arrays.copyOf(area, n);
  }
}
