package pl.kmzb.render;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The boxes of the point symbols drawn on one map, with the layer and the order they were drawn
 * in, so a label is not written over a symbol drawn above its own feature (a small cluster's count
 * over the big cluster that covers it). Bucketed on a 64 px grid like {@link LabelIndex}.
 */
final class SymbolBoxes {
  private static final int BUCKET = 64;

  private record Box(Rectangle2D box, int layer, long order) {}

  private final int columns;
  private final int rows;
  private final List<List<Box>> buckets;

  SymbolBoxes(int width, int height) {
    this.columns = Math.max(1, (width + BUCKET - 1) / BUCKET);
    this.rows = Math.max(1, (height + BUCKET - 1) / BUCKET);
    this.buckets = new ArrayList<>(columns * rows);
    for (int i = 0; i < columns * rows; i++) {
      buckets.add(null);
    }
  }

  /** Adds a symbol; {@code order} must not be below the last one added (the drawing order). */
  void add(Rectangle2D box, int layer, long order) {
    Box b = new Box(box, layer, order);
    forEachBucket(box, i -> {
      if (buckets.get(i) == null) {
        buckets.set(i, new ArrayList<>(4));
      }
      buckets.get(i).add(b);
      return false;
    });
  }

  /**
   * Whether {@code box} meets a symbol of {@code layer} drawn after the feature of order {@code order}.
   * Features are numbered in drawing order across the whole map, so each bucket's boxes are sorted
   * by order and a layer's are one run: the boxes drawn above are found by a binary search and the
   * scan stops where the layer ends, instead of testing every symbol of the map's crowded buckets.
   */
  boolean coveredAbove(Rectangle2D box, int layer, long order) {
    return forEachBucket(box, i -> {
      List<Box> list = buckets.get(i);
      if (list == null) {
        return false;
      }
      for (int k = firstAfter(list, order); k < list.size(); k++) {
        Box b = list.get(k);
        if (b.layer != layer) {
          return false;
        }
        if (b.box.intersects(box)) {
          return true;
        }
      }
      return false;
    });
  }

  /** The index of the first box drawn after the feature of order {@code order}. */
  private static int firstAfter(List<Box> list, long order) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).order <= order) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private interface BucketVisitor {
    boolean visit(int index);
  }

  /** Visits the buckets {@code box} touches until a visit answers true; answers whether one did. */
  private boolean forEachBucket(Rectangle2D box, BucketVisitor v) {
    int c0 = clamp((int) Math.floor(box.getMinX() / BUCKET), columns);
    int c1 = clamp((int) Math.floor(box.getMaxX() / BUCKET), columns);
    int r0 = clamp((int) Math.floor(box.getMinY() / BUCKET), rows);
    int r1 = clamp((int) Math.floor(box.getMaxY() / BUCKET), rows);
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        if (v.visit(r * columns + c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int clamp(int v, int n) {
    return Math.max(0, Math.min(n - 1, v));
  }
}
