package pl.kmzb.analytics;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.http.Json;
import pl.kmzb.roads.Road;

/**
 * The ranked road segments as JSON (the analysis and a table), CSV (the table) or GeoJSON (each
 * segment as a lon/lat LineString of the stretch of road it covers, with the table's columns as
 * properties). Chainages and lengths in metres, rounded to the metre.
 */
final class RoadSegmentWriter {
  static final List<String> COLUMNS = List.of("rank", "road", "class", "fromMetres", "toMetres", "lengthMetres",
      "incidents", "startLon", "startLat", "endLon", "endLat");
  private static final GeometryFactory FACTORY = new GeometryFactory();

  private final CrsTransform toLonLat;

  RoadSegmentWriter(CrsTransform toLonLat) {
    this.toLonLat = toLonLat;
  }

  /** One segment's row in {@link #COLUMNS} order, and its course in lon/lat. */
  record Row(Object[] values, LineString lonLat) {}

  Row row(RoadNetwork network, int rank, RoadSegments.Segment s) {
    Road road = network.roads().get(s.road());
    LineString course = (LineString) toLonLat.apply(network.stretch(s.road(), s.part(), s.from(), s.to(), FACTORY));
    Coordinate a = course.getCoordinateN(0);
    Coordinate b = course.getCoordinateN(course.getNumPoints() - 1);
    return new Row(new Object[] {rank, road.number(), road.roadClass().key(), Math.round(s.from()), Math.round(s.to()),
        Math.round(s.to() - s.from()), s.incidents(), ll(a.x), ll(a.y), ll(b.x), ll(b.y)}, course);
  }

  private static double ll(double v) {
    return GridWriter.round(v, 1e7);
  }

  void csv(OutputStream out, List<Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (Row r : rows) {
      for (int i = 0; i < r.values().length; i++) {
        sb.append(i == 0 ? "" : ",").append(GridWriter.csvValue(r.values()[i]));
      }
      sb.append("\r\n");
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  void json(OutputStream out, Map<String, Object> analysis, List<Row> rows) throws IOException {
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : analysis.entrySet()) {
        g.writeFieldName(e.getKey());
        Json.MAPPER.writeValue(g, e.getValue());
      }
      g.writeArrayFieldStart("segments");
      for (Row r : rows) {
        g.writeStartObject();
        properties(g, r);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  void geoJson(OutputStream out, Map<String, Object> analysis, List<Row> rows) throws IOException {
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeFieldName("analysis");
      Json.MAPPER.writeValue(g, analysis);
      g.writeArrayFieldStart("features");
      for (Row r : rows) {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", (Integer) r.values()[0]);
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "LineString");
        g.writeArrayFieldStart("coordinates");
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (Coordinate c : r.lonLat().getCoordinates()) {
          double x = ll(c.x);
          double y = ll(c.y);
          if (x == lastX && y == lastY) {
            continue; // a window's end on a vertex gives the vertex twice (to within a micrometre)
          }
          g.writeStartArray();
          g.writeNumber(x);
          g.writeNumber(y);
          g.writeEndArray();
          lastX = x;
          lastY = y;
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        properties(g, r);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void properties(JsonGenerator g, Row r) throws IOException {
    for (int i = 0; i < COLUMNS.size(); i++) {
      g.writeFieldName(COLUMNS.get(i));
      Json.MAPPER.writeValue(g, r.values()[i]);
    }
  }
}
