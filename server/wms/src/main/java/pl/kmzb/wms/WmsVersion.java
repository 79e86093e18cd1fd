package pl.kmzb.wms;

import java.util.Optional;

/**
 * The two WMS versions served, and version negotiation (WMS 1.3.0 §6.2.4): a client that asks for
 * a version this server does not speak gets the highest supported version lower than the one asked
 * for, or the lowest supported if it asked for something lower still; no version means the highest.
 */
public enum WmsVersion {
  V1_1_1("1.1.1"),
  V1_3_0("1.3.0");

  private final String text;

  WmsVersion(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The version spoken for a GetCapabilities request naming {@code requested} (null: none named). */
  public static WmsVersion negotiate(String requested) {
    if (requested == null || requested.isBlank()) {
      return V1_3_0;
    }
    int[] asked = numbers(requested.strip());
    if (asked == null) {
      return V1_3_0;
    }
    WmsVersion best = null;
    for (WmsVersion v : values()) {
      if (compare(numbers(v.text), asked) <= 0) {
        best = v;
      }
    }
    return best == null ? V1_1_1 : best;
  }

  /** The version named exactly (operations other than GetCapabilities are not negotiated). */
  public static Optional<WmsVersion> exactly(String requested) {
    for (WmsVersion v : values()) {
      if (v.text.equals(requested == null ? null : requested.strip())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** "x.y.z" as three numbers, or null when it is not a version number. */
  private static int[] numbers(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length < 1 || parts.length > 3) {
      return null;
    }
    int[] out = new int[3];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].matches("\\d{1,4}")) {
        return null;
      }
      out[i] = Integer.parseInt(parts[i]);
    }
    return out;
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
