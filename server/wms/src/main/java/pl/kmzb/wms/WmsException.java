package pl.kmzb.wms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WMS request that cannot be answered: the code, the parameter it concerns (the report's
 * {@code locator}) and a message for people. {@link ExceptionReports} is the one place that turns
 * it (and every other failure) into a response. {@code status} is 200 for the spec's codes, as
 * MapServer and GeoServer send them (clients read the report, and GDAL and older clients drop the
 * body of an HTTP error); authentication (401) and unavailability (503) keep their HTTP meaning.
 */
public final class WmsException extends RuntimeException {
  private final ExceptionCode code;
  private final String locator;
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public WmsException(ExceptionCode code, String locator, String message, int status) {
    super(message, null, false, false);
    this.code = code;
    this.locator = locator;
    this.status = status;
  }

  public WmsException(ExceptionCode code, String locator, String message) {
    this(code, locator, message, 200);
  }

  public static WmsException missing(String parameter) {
    return new WmsException(ExceptionCode.MISSING_PARAMETER_VALUE, parameter,
        "the parameter " + parameter + " is required");
  }

  public static WmsException invalid(String parameter, String message) {
    return new WmsException(ExceptionCode.INVALID_PARAMETER_VALUE, parameter, message);
  }

  public WmsException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public ExceptionCode code() {
    return code;
  }

  public String locator() {
    return locator;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }
}
