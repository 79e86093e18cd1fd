package pl.kmzb.wfs;

/**
 * An error WFS answers with an OWS 1.1 exception report: the exception code of OWS 1.1 / WFS 2.0,
 * the parameter it is about ({@code locator}) and the HTTP status WFS 2.0 gives that code.
 */
public final class WfsException extends RuntimeException {
  private final String code;
  private final String locator;
  private final int status;

  public WfsException(String code, String locator, String message) {
    super(message);
    this.code = code;
    this.locator = locator;
    this.status = statusOf(code);
  }

  /** An error with a status of its own (503 during a database outage, 507 when the store is full). */
  public WfsException(String code, String locator, String message, int status) {
    super(message);
    this.code = code;
    this.locator = locator;
    this.status = status;
  }

  private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

  /** Adds a header the report is sent with (Retry-After on a 503). */
  public WfsException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public java.util.Map<String, String> headers() {
    return java.util.Map.copyOf(headers);
  }

  public static WfsException invalid(String locator, String message) {
    return new WfsException("InvalidParameterValue", locator, message);
  }

  public static WfsException missing(String locator) {
    return new WfsException("MissingParameterValue", locator, "the parameter " + locator + " is required");
  }

  public String code() {
    return code;
  }

  public String locator() {
    return locator;
  }

  public int status() {
    return status;
  }

  /** WFS 2.0.2 Table D.2 and OWS 1.1 Table 28. */
  static int statusOf(String code) {
    return switch (code) {
      case "OperationNotSupported", "OptionNotSupported" -> 501;
      case "NotFound" -> 404;
      case "NoApplicableCode" -> 500;
      case "OperationProcessingFailed" -> 403;
      default -> 400;
    };
  }
}
