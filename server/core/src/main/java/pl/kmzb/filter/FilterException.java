package pl.kmzb.filter;

/**
 * A filter parameter that cannot be understood or is not allowed for the caller. {@code parameter}
 * names the offending parameter so each protocol can report it (OGC locator, problem-details field).
 */
public class FilterException extends RuntimeException {
  private final String parameter;

  public FilterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
