package pl.kmzb.report;

import java.util.Arrays;

/** The optional time of day a citizen gives for when the threat occurs. */
public enum TimeOfDay {
  MORNING("morning"),
  AFTERNOON("afternoon"),
  EVENING("evening"),
  NIGHT("night");

  private final String code;

  TimeOfDay(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static TimeOfDay ofCode(String code) {
    for (TimeOfDay t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown time of day '" + code + "'; expected one of "
        + String.join(", ", Arrays.stream(values()).map(TimeOfDay::code).toList()));
  }
}
