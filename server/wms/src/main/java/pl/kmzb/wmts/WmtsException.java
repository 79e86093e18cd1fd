package pl.kmzb.wmts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WMTS request that cannot be answered: an OWS exception code of WMTS 1.0 (OGC 07-057r7, Table 28
 * and 8.3.2), the parameter it concerns and the HTTP status the standard gives the code.
 * {@link WmtsExceptions} is the one place that turns it, and every other failure, into a response.
 */
public final class WmtsException extends RuntimeException {
  public static final String MISSING = "MissingParameterValue";
  public static final String INVALID = "InvalidParameterValue";
  public static final String NOT_SUPPORTED = "OperationNotSupported";
  public static final String TILE_OUT_OF_RANGE = "TileOutOfRange";
  public static final String POINT_OUT_OF_RANGE = "PointIJOutOfRange";
  public static final String NO_CODE = "NoApplicableCode";

  private final String code;
  private final String locator;
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public WmtsException(String code, String locator, String message, int status) {
    super(message, null, false, false);
    this.code = code;
    this.locator = locator;
    this.status = status;
  }

  public static WmtsException missing(String parameter) {
    return new WmtsException(MISSING, parameter, "the parameter " + parameter + " is required", 400);
  }

  public static WmtsException invalid(String parameter, String message) {
    return new WmtsException(INVALID, parameter, message, 400);
  }

  public WmtsException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
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

  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }
}
