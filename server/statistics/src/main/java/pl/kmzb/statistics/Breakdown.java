package pl.kmzb.statistics;

/** Whether rows are split further by category or by category group (from categories.yaml), or not. */
public enum Breakdown {
  NONE("none"), CATEGORY("category"), GROUP("group");

  private final String code;

  Breakdown(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  static Breakdown ofCode(String code) {
    for (Breakdown b : values()) {
      if (b.code.equals(code)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown breakdown '" + code + "'; known: none, category, group");
  }
}
