package pl.kmzb.analytics;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntPredicate;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.http.Json;

/**
 * Grids out: a GeoJSON FeatureCollection with one Polygon per listed cell (its corners in WGS 84
 * lon/lat, as RFC 7946 requires; the EPSG:2180 centre in the properties) and an {@code analysis}
 * member with what was computed and how, or CSV with one row per listed cell. Written as they are
 * produced, never held whole.
 */
final class GridWriter {
  /** The properties of one cell, written in order to both formats. */
  interface Columns {
    String[] names();

    /** The cell's values in the order of {@link #names()} (Number, String or null). */
    Object[] values(int cell);
  }

  private final CrsTransform toLonLat;

  GridWriter(CrsTransform toLonLat) {
    this.toLonLat = toLonLat;
  }

  void geoJson(OutputStream out, Grid grid, IntPredicate listed, Columns columns, Map<String, Object> analysis)
      throws IOException {
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeFieldName("analysis");
      Json.MAPPER.writeValue(g, analysis);
      g.writeArrayFieldStart("features");
      String[] names = columns.names();
      double[] ring = new double[10];
      for (int cell = 0; cell < grid.cells(); cell++) {
        if (!listed.test(cell)) {
          continue;
        }
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", grid.col(cell) + "," + grid.row(cell));
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Polygon");
        g.writeArrayFieldStart("coordinates");
        g.writeStartArray();
        corners(grid, cell, ring);
        for (int i = 0; i < 5; i++) {
          g.writeStartArray();
          g.writeNumber(round(ring[2 * i], 1e7));
          g.writeNumber(round(ring[2 * i + 1], 1e7));
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        Object[] values = columns.values(cell);
        for (int i = 0; i < names.length; i++) {
          g.writeFieldName(names[i]);
          write(g, values[i]);
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  void csv(OutputStream out, Grid grid, IntPredicate listed, Columns columns) throws IOException {
    Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(String.join(",", columns.names()));
    w.write("\r\n");
    for (int cell = 0; cell < grid.cells(); cell++) {
      if (!listed.test(cell)) {
        continue;
      }
      Object[] values = columns.values(cell);
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          w.write(',');
        }
        w.write(csvValue(values[i]));
      }
      w.write("\r\n");
    }
    w.flush();
  }

  /** The cell's closed ring in lon/lat: SW, SE, NE, NW, SW. */
  void corners(Grid grid, int cell, double[] ring) {
    double x0 = grid.minX() + grid.col(cell) * grid.size();
    double y0 = grid.minY() + grid.row(cell) * grid.size();
    double x1 = x0 + grid.size();
    double y1 = y0 + grid.size();
    double[] xy = {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
    System.arraycopy(xy, 0, ring, 0, 10);
    toLonLat.apply(ring, 0, 5);
  }

  /** The cell centre in lon/lat. */
  double[] centreLonLat(Grid grid, int cell) {
    return toLonLat.apply(grid.centreX(cell), grid.centreY(cell));
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeNull();
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Number n) {
      g.writeNumber(n.longValue());
    } else {
      g.writeString(v.toString());
    }
  }

  static String csvValue(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "" : plain(d);
    }
    if (v instanceof Number) {
      return v.toString();
    }
    String s = v.toString();
    // RFC 4180 quoting; a leading =, +, - or @ would be a formula to a spreadsheet, so it is quoted after a '
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith("'")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /** A number without exponent and without trailing zeros, to 6 decimals. */
  static String plain(double d) {
    return BigDecimal.valueOf(round(d, 1e6)).stripTrailingZeros().toPlainString();
  }

  static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
