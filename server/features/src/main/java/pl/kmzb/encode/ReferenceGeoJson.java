package pl.kmzb.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Reference features as GeoJSON, written as they come (streaming generator): points as Point, areas
 * always as MultiPolygon so a client sees one geometry type per collection.
 */
public final class ReferenceGeoJson implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator json;
  private final ReferenceSchema schema;
  private final Coordinates coordinates;
  private final double[] xy = new double[2];

  public ReferenceGeoJson(OutputStream out, ReferenceSchema schema, Coordinates coordinates) throws IOException {
    this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    this.schema = schema;
    this.coordinates = coordinates;
  }

  private boolean[] keep;

  /** Writes only the attributes marked in {@code keep} (indexes of the schema; null: all), for WFS PROPERTYNAME. */
  public void only(boolean[] keep) {
    this.keep = keep == null ? null : keep.clone();
  }

  public void beginCollection() throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "FeatureCollection");
    json.writeArrayFieldStart("features");
  }

  public void endCollection(long numberMatched, long numberReturned, String timeStamp, List<Link> links)
      throws IOException {
    json.writeEndArray();
    json.writeNumberField("numberMatched", numberMatched);
    json.writeNumberField("numberReturned", numberReturned);
    json.writeStringField("timeStamp", timeStamp);
    links(links);
    json.writeEndObject();
  }

  /** One feature; with {@code links} a standalone document (OGC API's /items/{id}). */
  public void feature(ReferenceFeature f, List<Link> links) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "Feature");
    json.writeStringField("id", f.id());
    json.writeFieldName("geometry");
    geometry(f.lonLat());
    json.writeObjectFieldStart("properties");
    for (int i = 0; i < schema.properties().size(); i++) {
      if (keep != null && !keep[i]) {
        continue;
      }
      String name = schema.properties().get(i).name();
      Object v = f.value(i);
      if (v == null) {
        json.writeNullField(name);
      } else if (v instanceof Double d) {
        json.writeNumberField(name, d.doubleValue());
      } else if (v instanceof Number n) {
        json.writeNumberField(name, n.longValue());
      } else {
        json.writeStringField(name, v.toString());
      }
    }
    json.writeEndObject();
    if (links != null) {
      links(links);
    }
    json.writeEndObject();
  }

  private void geometry(Geometry g) throws IOException {
    json.writeStartObject();
    if (schema.points()) {
      json.writeStringField("type", "Point");
      json.writeFieldName("coordinates");
      Coordinate c = g.getCoordinate();
      position(c.x, c.y);
    } else {
      json.writeStringField("type", "MultiPolygon");
      json.writeArrayFieldStart("coordinates");
      for (int i = 0; i < g.getNumGeometries(); i++) {
        Polygon p = (Polygon) g.getGeometryN(i);
        json.writeStartArray();
        ring(p.getExteriorRing());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          ring(p.getInteriorRingN(h));
        }
        json.writeEndArray();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void ring(LineString ring) throws IOException {
    CoordinateSequence seq = ring.getCoordinateSequence();
    json.writeStartArray();
    for (int i = 0; i < seq.size(); i++) {
      position(seq.getX(i), seq.getY(i));
    }
    json.writeEndArray();
  }

  private void position(double lon, double lat) throws IOException {
    coordinates.project(lon, lat, xy);
    json.writeStartArray();
    json.writeNumber(Coordinates.round(xy[0], coordinates.decimals()));
    json.writeNumber(Coordinates.round(xy[1], coordinates.decimals()));
    json.writeEndArray();
  }

  private void links(List<Link> links) throws IOException {
    Link.write(json, links);
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
