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
    int c0 = clamp((int) Math.floor(box.getMinX() / BUCKET), columns);
    int c1 = clamp((int) Math.floor(box.getMaxX() / BUCKET), columns);
    int r0 = clamp((int) Math.floor(box.getMinY() / BUCKET), rows);
    int r1 = clamp((int) Math.floor(box.getMaxY() / BUCKET), rows);
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
    return true;
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
