package pl.kmzb.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import pl.kmzb.http.Json;
import pl.kmzb.ingest.NationalOutline;

/**
 * Poland's outline for the map's own basemap ({@code /web/outline.json}): the Natural Earth outline
 * the server already holds for "is this point in Poland?", simplified to about 200 m (the map shows
 * it at country scale; boundary tiles take over when imported) and written once at start as GeoJSON
 * with coordinates rounded to 5 decimals.
 */
final class OutlineJson {
  /** Simplification tolerance in degrees (~200 m): invisible at the zooms the outline matters. */
  static final double TOLERANCE = 0.002;

  private OutlineJson() {}

  static byte[] poland() {
    Geometry simple = TopologyPreservingSimplifier.simplify(NationalOutline.polandOutline(), TOLERANCE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      g.writeStartObject();
      g.writeStringField("type", "Feature");
      g.writeObjectFieldStart("properties");
      g.writeStringField("name_pl", "Polska");
      g.writeStringField("name_en", "Poland");
      g.writeEndObject();
      g.writeObjectFieldStart("geometry");
      g.writeStringField("type", "MultiPolygon");
      g.writeArrayFieldStart("coordinates");
      for (int i = 0; i < simple.getNumGeometries(); i++) {
        Polygon p = (Polygon) simple.getGeometryN(i);
        g.writeStartArray();
        ring(g, p.getExteriorRing().getCoordinates());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          ring(g, p.getInteriorRingN(h).getCoordinates());
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void ring(JsonGenerator g, Coordinate[] coordinates) throws IOException {
    g.writeStartArray();
    for (Coordinate c : coordinates) {
      g.writeStartArray();
      g.writeNumber(Math.round(c.x * 1e5) / 1e5);
      g.writeNumber(Math.round(c.y * 1e5) / 1e5);
      g.writeEndArray();
    }
    g.writeEndArray();
  }
}
