package pl.kmzb.indicator;

/** How a choropleth's values are divided into classes. */
public enum ClassMethod {
  /** Classes of (nearly) equal numbers of areas, by nearest rank. */
  QUANTILE("quantile"),
  /** Classes of equal width between the smallest and the largest value. */
  EQUAL("equal"),
  /** Jenks natural breaks: the least sum of squared deviations within classes (Fisher's exact method). */
  JENKS("jenks");

  private final String code;

  ClassMethod(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static ClassMethod ofCode(String code) {
    for (ClassMethod m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + code + "'; expected quantile, equal or jenks");
  }
}
