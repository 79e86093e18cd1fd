package pl.kmzb.render;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The boxes of the labels placed on one map, so no label is drawn over another: a label whose box
 * meets a placed one is left out. Boxes are bucketed on a 64 px grid, so a test looks at the few
 * labels nearby, not at every one.
 */
public final class LabelIndex {
  private static final int BUCKET = 64;
  private final int columns;
  private final int rows;
  private final List<List<Rectangle2D>> buckets;
  private final List<Rectangle2D> placed = new ArrayList<>();
  private final int width;
  private final int height;

  public LabelIndex(int width, int height) {
    this.width = width;
    this.height = height;
    this.columns = Math.max(1, (width + BUCKET - 1) / BUCKET);
    this.rows = Math.max(1, (height + BUCKET - 1) / BUCKET);
    this.buckets = new ArrayList<>(columns * rows);
    for (int i = 0; i < columns * rows; i++) {
      buckets.add(null);
    }
  }

  /** Places {@code box} and answers true if it meets no placed box; otherwise leaves it out and answers false. */
  public boolean tryPlace(Rectangle2D box) {
    if (!fits(box)) {
      return false;
    }
    place(box);
    return true;
  }

  /** Whether {@code box} meets no placed box (placing nothing). */
  boolean fits(Rectangle2D box) {
    int c0 = column(box.getMinX());
    int c1 = column(box.getMaxX());
    int r0 = row(box.getMinY());
    int r1 = row(box.getMaxY());
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        List<Rectangle2D> b = buckets.get(r * columns + c);
        if (b != null) {
          for (Rectangle2D other : b) {
            if (other.intersects(box)) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /** Places {@code box} whether or not it meets another (callers ask {@link #fits} first). */
  void place(Rectangle2D box) {
    int c0 = column(box.getMinX());
    int c1 = column(box.getMaxX());
    int r0 = row(box.getMinY());
    int r1 = row(box.getMaxY());
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        int i = r * columns + c;
        if (buckets.get(i) == null) {
          buckets.set(i, new ArrayList<>(4));
        }
        buckets.get(i).add(box);
      }
    }
    placed.add(box);
  }

  private int column(double x) {
    return clamp((int) Math.floor(x / BUCKET), columns);
  }

  private int row(double y) {
    return clamp((int) Math.floor(y / BUCKET), rows);
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** The boxes placed so far, in order. */
  public List<Rectangle2D> placed() {
    return List.copyOf(placed);
  }

  private static int clamp(int v, int n) {
    return Math.max(0, Math.min(n - 1, v));
  }
}
