package pl.kmzb.crs;

import pl.kmzb.geo.Envelope;

/**
 * A coordinate reference system the server publishes. Inside the server coordinates are always
 * x = east (longitude/easting), y = north (latitude/northing); {@code northFirst} records the axis
 * order of the EPSG definition, which applies only at protocol edges ({@link AxisOrder}).
 *
 * @param code the short code, {@code EPSG:2180} or {@code CRS:84}
 * @param epsg the EPSG number; 0 for CRS:84 (WGS 84 with longitude first, which EPSG does not define)
 * @param title a human-readable name for capabilities documents
 * @param northFirst the definition's first axis is latitude or northing
 * @param geographic degrees rather than metres
 * @param areaOfUse where the CRS is meant to be used, in lon/lat
 */
public record Crs(String code, int epsg, String title, boolean northFirst, boolean geographic, Envelope areaOfUse) {
  public Crs {
    if (code == null || code.isBlank() || title == null || areaOfUse == null) {
      throw new IllegalArgumentException("a CRS needs a code, a title and an area of use");
    }
  }

  /** The OGC http URI: {@code http://www.opengis.net/def/crs/EPSG/0/2180}; CRS:84 has its OGC URI. */
  public String uri() {
    return epsg == 0 ? "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
        : "http://www.opengis.net/def/crs/EPSG/0/" + epsg;
  }

  /** The OGC URN: {@code urn:ogc:def:crs:EPSG::2180}; CRS:84 has its OGC URN. */
  public String urn() {
    return epsg == 0 ? "urn:ogc:def:crs:OGC:1.3:CRS84" : "urn:ogc:def:crs:EPSG::" + epsg;
  }

  /** Whether this is WGS 84 longitude/latitude (CRS:84), the internal order of stored positions. */
  public boolean isCrs84() {
    return epsg == 0;
  }
}
