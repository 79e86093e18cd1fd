package pl.kmzb.ingest;

/**
 * Parses plain decimals ("21.149485", "-0.5") about five times faster than
 * {@link Double#parseDouble}, with the same result: when the digits fit in 2^53 and there are at
 * most 22 after the point, both the significand and the power of ten are exact doubles, and one
 * IEEE division rounds correctly (Clinger's fast path). Anything else goes to
 * {@code Double.parseDouble}.
 */
final class Decimals {
  private static final double[] POWERS_OF_TEN = new double[23];
  private static final long MAX_EXACT = 1L << 53;

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private Decimals() {}

  /** As {@link Double#parseDouble}, which also decides what is an error. */
  static double parse(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i++;
    }
    long significand = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        significand = significand * 10 + (ch - '0');
        if (++digits > 15) {
          return Double.parseDouble(s);
        }
        if (fraction >= 0) {
          fraction++;
        }
      } else if (ch == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.parseDouble(s);
      }
    }
    if (digits == 0 || significand > MAX_EXACT || fraction >= POWERS_OF_TEN.length) {
      return Double.parseDouble(s);
    }
    double v = fraction > 0 ? significand / POWERS_OF_TEN[fraction] : significand;
    return negative ? -v : v;
  }
}
