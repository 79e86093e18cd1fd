package pl.kmzb.tiles;

/**
 * Z-order (Morton) codes of world coordinates. With x and y below 2^31 a code fits in 62 bits, and
 * every quadtree cell of any level is one contiguous range of codes: the property the cluster index
 * and the tile grid are built on.
 */
public final class Morton {
  /** World coordinates run from 0 to 2^31 - 1 on both axes. */
  public static final int LEVELS = 31;

  private Morton() {}

  public static long encode(int x, int y) {
    return spread(x) | (spread(y) << 1);
  }

  public static int x(long code) {
    return compact(code);
  }

  public static int y(long code) {
    return compact(code >>> 1);
  }

  /** The first code of the cell ({@code cx}, {@code cy}) at quadtree {@code level}. */
  public static long cellStart(int level, int cx, int cy) {
    return encode(cx, cy) << (2 * (LEVELS - level));
  }

  /** How many codes a cell of {@code level} spans. */
  public static long cellSpan(int level) {
    return 1L << (2 * (LEVELS - level));
  }

  /** The cell of {@code level} holding {@code code}, as a Morton code of that level. */
  public static long cellOf(long code, int level) {
    return code >>> (2 * (LEVELS - level));
  }

  /** The deepest level whose cell holds both codes (0 if only the whole world does). */
  public static int commonLevel(long a, long b) {
    long diff = a ^ b;
    if (diff == 0) {
      return LEVELS;
    }
    int highestBit = 63 - Long.numberOfLeadingZeros(diff);
    return LEVELS - 1 - highestBit / 2;
  }

  private static long spread(int v) {
    long x = v & 0xFFFFFFFFL;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x << 2)) & 0x3333333333333333L;
    x = (x | (x << 1)) & 0x5555555555555555L;
    return x;
  }

  private static int compact(long code) {
    long x = code & 0x5555555555555555L;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
    x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
    x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
    return (int) x;
  }
}
