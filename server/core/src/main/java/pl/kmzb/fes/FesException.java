package pl.kmzb.fes;

/**
 * A filter the FES parser cannot accept, with the OWS exception code the WFS reports
 * ({@code OperationParsingFailed} for XML that is not a filter, {@code InvalidParameterValue} for a
 * filter naming an unknown property, a bad value or an operator this server does not implement) and
 * the locator (the property, or {@code filter}).
 */
public final class FesException extends RuntimeException {
  public static final String PARSING_FAILED = "OperationParsingFailed";
  public static final String INVALID_VALUE = "InvalidParameterValue";
  /** A well-formed, valid filter that cannot be evaluated (a scalar comparison of an envelope). */
  public static final String PROCESSING_FAILED = "OperationProcessingFailed";

  private final String code;
  private final String locator;

  public FesException(String code, String locator, String message) {
    super(message, null, false, false);
    this.code = code;
    this.locator = locator;
  }

  public String code() {
    return code;
  }

  public String locator() {
    return locator;
  }
}
