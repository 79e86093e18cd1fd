package pl.kmzb.analytics;

/**
 * A Gi* z-score's class: a hot (or cold) spot at 99, 95 or 90 % confidence, two-sided, from the
 * standard normal's critical values; otherwise not significant. No correction for the many cells
 * tested at once is made (see docs/ANALYTICS.md).
 */
public enum Significance {
  HOT_99("hot_99", 99, 2.576),
  HOT_95("hot_95", 95, 1.960),
  HOT_90("hot_90", 90, 1.645),
  NOT_SIGNIFICANT("not_significant", 0, 0),
  COLD_90("cold_90", 90, -1.645),
  COLD_95("cold_95", 95, -1.960),
  COLD_99("cold_99", 99, -2.576);

  private final String code;
  private final int confidence;
  private final double critical;

  Significance(String code, int confidence, double critical) {
    this.code = code;
    this.confidence = confidence;
    this.critical = critical;
  }

  public String code() {
    return code;
  }

  /** 99, 95 or 90; 0 when not significant. */
  public int confidence() {
    return confidence;
  }

  public static Significance of(double z) {
    if (Double.isNaN(z)) {
      return NOT_SIGNIFICANT;
    }
    if (z >= HOT_99.critical) {
      return HOT_99;
    }
    if (z >= HOT_95.critical) {
      return HOT_95;
    }
    if (z >= HOT_90.critical) {
      return HOT_90;
    }
    if (z <= COLD_99.critical) {
      return COLD_99;
    }
    if (z <= COLD_95.critical) {
      return COLD_95;
    }
    if (z <= COLD_90.critical) {
      return COLD_90;
    }
    return NOT_SIGNIFICANT;
  }

  /**
   * The two-sided p-value of a z-score, erfc(|z|/√2), with the Chebyshev fit of Numerical Recipes
   * (relative error below 1.2·10⁻⁷, far finer than the three classes need).
   */
  public static double pValue(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * x);
    double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    return Math.min(1, t * Math.exp(poly));
  }
}
