package pl.kmzb.report;


/** The optional time of day a citizen gives for when the threat occurs. */
public enum TimeOfDay implements Coded {
  MORNING("morning"),
  AFTERNOON("afternoon"),
  EVENING("evening"),
  NIGHT("night");

  private final String code;

  TimeOfDay(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static TimeOfDay ofCode(String code) {
    return Coded.parse(values(), code, "time of day");
  }
}
