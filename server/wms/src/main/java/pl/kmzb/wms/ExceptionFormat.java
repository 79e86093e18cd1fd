package pl.kmzb.wms;

import java.util.Locale;

/**
 * How exceptions are reported (the EXCEPTIONS parameter): an XML report, the message drawn into an
 * image of the requested size and format (INIMAGE), or an empty image (BLANK). Both versions'
 * spellings are accepted in either version; the report is written in the request's version.
 */
public enum ExceptionFormat {
  XML, INIMAGE, BLANK;

  /** The format named by {@code value} (null or blank: XML). */
  public static ExceptionFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return XML;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "xml", "application/vnd.ogc.se_xml", "text/xml" -> XML;
      case "inimage", "application/vnd.ogc.se_inimage" -> INIMAGE;
      case "blank", "application/vnd.ogc.se_blank" -> BLANK;
      default -> throw WmsException.invalid("EXCEPTIONS", "EXCEPTIONS must be XML, INIMAGE or BLANK"
          + " (1.1.1: application/vnd.ogc.se_xml, _inimage, _blank), not '" + WmsParams.clip(value) + "'");
    };
  }

  /** The value capabilities list for this format in {@code version}. */
  public String name(WmsVersion version) {
    if (version == WmsVersion.V1_3_0) {
      return name();
    }
    return "application/vnd.ogc.se_" + name().toLowerCase(Locale.ROOT);
  }
}
