package pl.kmzb.wms;

/**
 * The exception codes of WMS 1.3.0 (Table E.1) and 1.1.1 (Annex A.3), plus the OWS codes for bad
 * or missing parameters the spec leaves uncoded. {@link #NONE} is a report without a code (a
 * server failure). Only {@link #INVALID_CRS} is spelled differently in 1.1.1 ({@code InvalidSRS}).
 */
public enum ExceptionCode {
  INVALID_FORMAT("InvalidFormat"),
  INVALID_CRS("InvalidCRS"),
  LAYER_NOT_DEFINED("LayerNotDefined"),
  STYLE_NOT_DEFINED("StyleNotDefined"),
  LAYER_NOT_QUERYABLE("LayerNotQueryable"),
  INVALID_POINT("InvalidPoint"),
  CURRENT_UPDATE_SEQUENCE("CurrentUpdateSequence"),
  INVALID_UPDATE_SEQUENCE("InvalidUpdateSequence"),
  MISSING_DIMENSION_VALUE("MissingDimensionValue"),
  INVALID_DIMENSION_VALUE("InvalidDimensionValue"),
  OPERATION_NOT_SUPPORTED("OperationNotSupported"),
  MISSING_PARAMETER_VALUE("MissingParameterValue"),
  INVALID_PARAMETER_VALUE("InvalidParameterValue"),
  NONE(null);

  private final String code;

  ExceptionCode(String code) {
    this.code = code;
  }

  /** The code as the version writes it, or null for {@link #NONE}. */
  public String in(WmsVersion version) {
    return this == INVALID_CRS && version == WmsVersion.V1_1_1 ? "InvalidSRS" : code;
  }
}
