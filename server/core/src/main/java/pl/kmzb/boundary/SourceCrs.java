package pl.kmzb.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The coordinate reference system of a GeoJSON file and the way from it to EPSG:4326 lon/lat.
 * RFC 7946 files are lon/lat and carry no {@code crs}; the legacy (2008) {@code crs} member is
 * still written by GDAL for other systems, PRG's EPSG:2180 above all. GeoJSON coordinates are
 * always x, y (easting, northing) whatever the official axis order of the EPSG code, because that
 * is how GDAL writes them, so no axis swapping happens here. One instance per file read: proj4j
 * transforms keep scratch state and are not thread-safe.
 */
final class SourceCrs {
  private static final Pattern CRS84 = Pattern.compile(
      "(?i)(urn:ogc:def:crs:OGC:(1\\.3)?:CRS84|OGC:CRS84|CRS84"
          + "|https?://www\\.opengis\\.net/def/crs/OGC/1\\.3/CRS84)");
  private static final Pattern EPSG = Pattern.compile(
      "(?i)(?:EPSG:|urn:ogc:def:crs:EPSG:[^:]*:"
          + "|https?://www\\.opengis\\.net/def/crs/EPSG/[^/]+/)(\\d+)");
  private static final int WGS84 = 4326;

  private final String name;
  private final CoordinateTransform transform;

  private SourceCrs(String name, CoordinateTransform transform) {
    this.name = name;
    this.transform = transform;
  }

  static SourceCrs lonLat() {
    return new SourceCrs("RFC 7946 lon/lat", null);
  }

  /** Reads a legacy {@code crs} member: {"type":"name","properties":{"name":…}} or the older EPSG form. */
  static SourceCrs of(JsonNode crs, String source) {
    if (crs == null || crs.isNull()) {
      return lonLat();
    }
    String type = crs.path("type").asText("");
    JsonNode properties = crs.path("properties");
    if (type.equals("name") && properties.path("name").isTextual()) {
      return ofName(properties.path("name").asText(), source);
    }
    if (type.equalsIgnoreCase("EPSG") && properties.path("code").canConvertToInt()) {
      return ofName("EPSG:" + properties.path("code").asInt(), source);
    }
    throw new BoundaryFileException(source + ": unsupported crs member " + crs
        + "; expected {\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2180\"}}");
  }

  static SourceCrs ofName(String name, String source) {
    String trimmed = name.strip();
    if (CRS84.matcher(trimmed).matches()) {
      return lonLat();
    }
    Matcher epsg = EPSG.matcher(trimmed);
    if (!epsg.matches()) {
      throw new BoundaryFileException(source + ": unsupported crs '" + name
          + "'; expected an EPSG code such as urn:ogc:def:crs:EPSG::2180, or none for lon/lat");
    }
    int code = Integer.parseInt(epsg.group(1));
    if (code == WGS84) {
      // Legacy GeoJSON puts longitude first even for EPSG:4326.
      return lonLat();
    }
    CRSFactory factory = new CRSFactory();
    CoordinateReferenceSystem from;
    try {
      from = factory.createFromName("EPSG:" + code);
    } catch (Proj4jException | IllegalStateException e) {
      throw new BoundaryFileException(source + ": crs EPSG:" + code + " is not known to proj4j: "
          + e.getMessage(), e);
    }
    CoordinateReferenceSystem to = factory.createFromName("EPSG:" + WGS84);
    return new SourceCrs("EPSG:" + code, new CoordinateTransformFactory().createTransform(from, to));
  }

  String name() {
    return name;
  }

  boolean isLonLat() {
    return transform == null;
  }

  /** Moves every vertex of {@code geometry} to lon/lat, in place. */
  void toLonLat(Geometry geometry) {
    if (transform == null) {
      return;
    }
    geometry.apply(new CoordinateSequenceFilter() {
      private final ProjCoordinate in = new ProjCoordinate();
      private final ProjCoordinate out = new ProjCoordinate();

      @Override
      public void filter(CoordinateSequence seq, int i) {
        in.setValue(seq.getX(i), seq.getY(i));
        transform.transform(in, out);
        seq.setOrdinate(i, CoordinateSequence.X, out.x);
        seq.setOrdinate(i, CoordinateSequence.Y, out.y);
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public boolean isGeometryChanged() {
        return true;
      }
    });
  }
}
