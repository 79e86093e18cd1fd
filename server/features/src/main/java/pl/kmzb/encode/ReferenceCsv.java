package pl.kmzb.encode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Reference features as CSV (RFC 4180): {@code id}, the geometry as WKT in the output CRS and axis
 * order (POINT or MULTIPOLYGON, the column GDAL and QGIS read as geometry), then the attributes.
 */
public final class ReferenceCsv implements AutoCloseable {
  private final BufferedWriter out;
  private final ReferenceSchema schema;
  private final Coordinates coordinates;
  private final double[] xy = new double[2];
  /** Which of the schema's attributes are written (WFS PROPERTYNAME); the header names these only. */
  private final boolean[] keep;

  /** All attributes. */
  public ReferenceCsv(OutputStream stream, ReferenceSchema schema, Coordinates coordinates) throws IOException {
    this(stream, schema, coordinates, null);
  }

  /**
   * Only the attributes marked in {@code keep} (indexes of the schema; null: all), as GML and GeoJSON
   * do for WFS PROPERTYNAME; id and geometry are always written.
   */
  public ReferenceCsv(OutputStream stream, ReferenceSchema schema, Coordinates coordinates, boolean[] keep)
      throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.schema = schema;
    this.coordinates = coordinates;
    this.keep = new boolean[schema.properties().size()];
    for (int i = 0; i < this.keep.length; i++) {
      this.keep[i] = keep == null || keep[i];
    }
    out.write("id,wkt");
    for (int i = 0; i < this.keep.length; i++) {
      if (this.keep[i]) {
        out.write(',');
        out.write(schema.properties().get(i).name());
      }
    }
    out.write("\r\n");
  }

  public void feature(ReferenceFeature f) throws IOException {
    field(f.id());
    out.write(",\"");
    wkt(f.lonLat());
    out.write('"');
    for (int i = 0; i < keep.length; i++) {
      if (!keep[i]) {
        continue;
      }
      out.write(',');
      Object v = f.value(i);
      if (v != null) {
        field(v.toString());
      }
    }
    out.write("\r\n");
  }

  private void wkt(Geometry g) throws IOException {
    if (schema.points()) {
      Coordinate c = g.getCoordinate();
      out.write("POINT (");
      position(c.x, c.y);
      out.write(')');
      return;
    }
    if (schema.lines()) {
      out.write("LINESTRING ");
      ring((LineString) g);
      return;
    }
    out.write("MULTIPOLYGON (");
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      out.write(i == 0 ? "(" : ", (");
      ring(p.getExteriorRing());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        out.write(", ");
        ring(p.getInteriorRingN(h));
      }
      out.write(')');
    }
    out.write(')');
  }

  private void ring(LineString ring) throws IOException {
    CoordinateSequence seq = ring.getCoordinateSequence();
    out.write('(');
    for (int i = 0; i < seq.size(); i++) {
      if (i > 0) {
        out.write(", ");
      }
      position(seq.getX(i), seq.getY(i));
    }
    out.write(')');
  }

  private void position(double lon, double lat) throws IOException {
    coordinates.project(lon, lat, xy);
    out.write(Double.toString(Coordinates.round(xy[0], coordinates.decimals())));
    out.write(' ');
    out.write(Double.toString(Coordinates.round(xy[1], coordinates.decimals())));
  }

  /** A value, quoted when it holds a separator, quote or line break. */
  private void field(String s) throws IOException {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      out.write(s);
      return;
    }
    out.write('"');
    out.write(s.replace("\"", "\"\""));
    out.write('"');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
