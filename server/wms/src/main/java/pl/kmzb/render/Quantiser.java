package pl.kmzb.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reduces an ARGB image to at most 256 colours for 8-bit PNG. A map with few colours (most
 * maps: background, a handful of symbol colours, their antialiased edges) keeps them exactly.
 * Otherwise colours are binned at 5 bits per colour channel and 3 bits of alpha, and the bins are
 * split by median cut (the box with the most pixels times its widest channel range first) into
 * 256 boxes whose weighted means make the palette; each pixel then takes its bin's box, one table
 * lookup. Fully transparent pixels all map to one transparent entry. Translucent entries come first
 * in the palette, so the tRNS chunk stays short.
 */
final class Quantiser {
  static final int MAX_COLOURS = 256;
  private static final int BINS = 1 << 18;

  record Result(int[] palette, byte[] indexes) {}

  private Quantiser() {}

  static Result quantise(int[] argb, boolean alpha) {
    int[] exact = exactPalette(argb, alpha);
    return exact != null ? mapExact(argb, exact, alpha) : medianCut(argb, alpha);
  }

  /** The distinct colours if there are at most 256 (transparent pixels as one), else null. */
  private static int[] exactPalette(int[] argb, boolean alpha) {
    IntSet seen = new IntSet(1024);
    for (int p : argb) {
      int c = normalise(p, alpha);
      if (seen.add(c) && seen.size() > MAX_COLOURS) {
        return null;
      }
    }
    return seen.values();
  }

  private static int normalise(int p, boolean alpha) {
    if (!alpha) {
      return p | 0xff000000;
    }
    return (p >>> 24) == 0 ? 0 : p;
  }

  private static Result mapExact(int[] argb, int[] colours, boolean alpha) {
    int[] palette = translucentFirst(colours);
    IntIntMap index = new IntIntMap(palette.length * 2);
    for (int i = 0; i < palette.length; i++) {
      index.put(palette[i], i);
    }
    byte[] out = new byte[argb.length];
    for (int i = 0; i < argb.length; i++) {
      out[i] = (byte) index.get(normalise(argb[i], alpha));
    }
    return new Result(palette, out);
  }

  private static int bin(int p) {
    int a = p >>> 24;
    return ((p >> 19) & 31) << 13 | ((p >> 11) & 31) << 8 | ((p >> 3) & 31) << 3 | (a >> 5);
  }

  private static Result medianCut(int[] argb, boolean alpha) {
    int[] counts = new int[BINS];
    boolean anyClear = false;
    for (int p : argb) {
      int c = normalise(p, alpha);
      if (c == 0) {
        anyClear = true;
      } else {
        counts[bin(c)]++;
      }
    }
    int distinct = 0;
    for (int c : counts) {
      distinct += c > 0 ? 1 : 0;
    }
    int[] keys = new int[distinct];
    int k = 0;
    for (int b = 0; b < BINS; b++) {
      if (counts[b] > 0) {
        keys[k++] = b;
      }
    }
    int slots = MAX_COLOURS - (anyClear ? 1 : 0);
    List<int[]> boxes = new ArrayList<>(); // {from, to}
    boxes.add(new int[] {0, keys.length});
    while (boxes.size() < slots) {
      int best = -1;
      long bestScore = 0;
      int bestAxis = 0;
      for (int i = 0; i < boxes.size(); i++) {
        int[] box = boxes.get(i);
        if (box[1] - box[0] < 2) {
          continue;
        }
        int[] axisRange = widestAxis(keys, box[0], box[1]);
        long population = 0;
        for (int j = box[0]; j < box[1]; j++) {
          population += counts[keys[j]];
        }
        long score = population * axisRange[1];
        if (score > bestScore) {
          bestScore = score;
          best = i;
          bestAxis = axisRange[0];
        }
      }
      if (best < 0) {
        break;
      }
      int[] box = boxes.get(best);
      sortByAxis(keys, box[0], box[1], bestAxis);
      long total = 0;
      for (int j = box[0]; j < box[1]; j++) {
        total += counts[keys[j]];
      }
      long acc = 0;
      int split = box[0] + 1;
      for (int j = box[0]; j < box[1] - 1; j++) {
        acc += counts[keys[j]];
        if (acc * 2 >= total) {
          split = j + 1;
          break;
        }
        split = j + 2;
      }
      split = Math.min(split, box[1] - 1);
      boxes.set(best, new int[] {box[0], split});
      boxes.add(new int[] {split, box[1]});
    }
    int[] colours = new int[boxes.size() + (anyClear ? 1 : 0)];
    int[] boxOfBin = new int[BINS];
    for (int i = 0; i < boxes.size(); i++) {
      int[] box = boxes.get(i);
      long a = 0, r = 0, g = 0, b = 0, n = 0;
      for (int j = box[0]; j < box[1]; j++) {
        int key = keys[j];
        long c = counts[key];
        r += c * channel(key, 0);
        g += c * channel(key, 1);
        b += c * channel(key, 2);
        a += c * channel(key, 3);
        n += c;
        boxOfBin[key] = i;
      }
      colours[i] = (int) (a / n) << 24 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }
    if (anyClear) {
      colours[boxes.size()] = 0;
    }
    int[] palette = translucentFirst(colours);
    IntIntMap position = new IntIntMap(palette.length * 2);
    for (int i = 0; i < palette.length; i++) {
      position.put(palette[i], i);
    }
    int[] binIndex = new int[BINS];
    for (int key : keys) {
      binIndex[key] = position.get(colours[boxOfBin[key]]);
    }
    int clearIndex = anyClear ? position.get(0) : 0;
    byte[] out = new byte[argb.length];
    for (int i = 0; i < argb.length; i++) {
      int c = normalise(argb[i], alpha);
      out[i] = (byte) (c == 0 ? clearIndex : binIndex[bin(c)]);
    }
    return new Result(palette, out);
  }

  /** Channel value 0-255 (centre of the bin): 0 red, 1 green, 2 blue, 3 alpha. */
  private static int channel(int key, int axis) {
    return switch (axis) {
      case 0 -> ((key >> 13) & 31) << 3 | 4;
      case 1 -> ((key >> 8) & 31) << 3 | 4;
      case 2 -> ((key >> 3) & 31) << 3 | 4;
      default -> (key & 7) == 7 ? 255 : (key & 7) << 5 | 16;
    };
  }

  private static int[] widestAxis(int[] keys, int from, int to) {
    int bestAxis = 0;
    int bestRange = -1;
    for (int axis = 0; axis < 4; axis++) {
      int lo = 255;
      int hi = 0;
      for (int j = from; j < to; j++) {
        int v = channel(keys[j], axis);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo > bestRange) {
        bestRange = hi - lo;
        bestAxis = axis;
      }
    }
    return new int[] {bestAxis, Math.max(1, bestRange)};
  }

  private static void sortByAxis(int[] keys, int from, int to, int axis) {
    long[] packed = new long[to - from];
    for (int j = from; j < to; j++) {
      packed[j - from] = (long) channel(keys[j], axis) << 32 | keys[j];
    }
    Arrays.sort(packed);
    for (int j = from; j < to; j++) {
      keys[j] = (int) packed[j - from];
    }
  }

  private static int[] translucentFirst(int[] colours) {
    int[] out = new int[colours.length];
    int n = 0;
    for (int c : colours) {
      if ((c >>> 24) != 255) {
        out[n++] = c;
      }
    }
    for (int c : colours) {
      if ((c >>> 24) == 255) {
        out[n++] = c;
      }
    }
    return out;
  }

  /** A small open-addressing set of ints (colours). */
  private static final class IntSet {
    private int[] table;
    private boolean[] used;
    private int size;

    IntSet(int capacity) {
      table = new int[capacity];
      used = new boolean[capacity];
    }

    boolean add(int v) {
      if (size * 2 >= table.length) {
        grow();
      }
      int i = slot(v, table.length);
      while (used[i]) {
        if (table[i] == v) {
          return false;
        }
        i = (i + 1) & (table.length - 1);
      }
      used[i] = true;
      table[i] = v;
      size++;
      return true;
    }

    int size() {
      return size;
    }

    int[] values() {
      int[] out = new int[size];
      int n = 0;
      for (int i = 0; i < table.length; i++) {
        if (used[i]) {
          out[n++] = table[i];
        }
      }
      return out;
    }

    private void grow() {
      int[] oldTable = table;
      boolean[] oldUsed = used;
      table = new int[oldTable.length * 2];
      used = new boolean[oldTable.length * 2];
      size = 0;
      for (int i = 0; i < oldTable.length; i++) {
        if (oldUsed[i]) {
          add(oldTable[i]);
        }
      }
    }
  }

  /** A small open-addressing map from colour to palette index. */
  private static final class IntIntMap {
    private final int[] keys;
    private final int[] values;
    private final boolean[] used;

    IntIntMap(int expected) {
      int cap = Integer.highestOneBit(Math.max(4, expected) * 2);
      keys = new int[cap];
      values = new int[cap];
      used = new boolean[cap];
    }

    void put(int k, int v) {
      int i = slot(k, keys.length);
      while (used[i] && keys[i] != k) {
        i = (i + 1) & (keys.length - 1);
      }
      used[i] = true;
      keys[i] = k;
      values[i] = v;
    }

    int get(int k) {
      int i = slot(k, keys.length);
      while (used[i]) {
        if (keys[i] == k) {
          return values[i];
        }
        i = (i + 1) & (keys.length - 1);
      }
      throw new IllegalStateException("colour " + Integer.toHexString(k) + " has no palette entry");
    }
  }

  private static int slot(int v, int length) {
    int h = v * 0x9E3779B9;
    return (h ^ (h >>> 16)) & (length - 1);
  }
}
