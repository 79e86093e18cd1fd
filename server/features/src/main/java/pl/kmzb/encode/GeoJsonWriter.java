package pl.kmzb.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * GeoJSON written as the rows arrive (Jackson's streaming generator, no tree): a collection of any
 * size costs the memory of one feature. Collection members known only at the end (numberReturned,
 * the next link) follow the features array, which GeoJSON and OGC API Features allow.
 */
public final class GeoJsonWriter implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator json;
  private final FeatureView view;
  /** The properties written (PROPERTYNAME narrows them). */
  private java.util.List<FeatureProperty> properties;
  private final Coordinates coordinates;
  private final double[] xy = new double[2];

  public GeoJsonWriter(OutputStream out, FeatureView view, Coordinates coordinates) throws IOException {
    // A failure in mid-stream (the database gone) must not close the open arrays into a complete-looking
    // collection, nor flush the buffered body: the response stays uncommitted while it fits the buffer, so
    // the error mapping can still answer 503; the caller's stream is closed (and flushed) by its owner.
    this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    this.view = view;
    this.properties = view.properties();
    this.coordinates = coordinates;
  }

  /** Writes only these properties of the view, in the view's order (WFS PROPERTYNAME). */
  public GeoJsonWriter select(java.util.Collection<FeatureProperty> selected) {
    this.properties = view.properties().stream().filter(selected::contains).toList();
    return this;
  }

  public void beginCollection() throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "FeatureCollection");
    json.writeArrayFieldStart("features");
  }

  /**
   * Ends the features array and writes the closing members.
   *
   * @param numberMatched null when not known
   */
  public void endCollection(Long numberMatched, long numberReturned, String timeStamp, List<Link> links)
      throws IOException {
    json.writeEndArray();
    if (numberMatched != null) {
      json.writeNumberField("numberMatched", numberMatched);
    }
    json.writeNumberField("numberReturned", numberReturned);
    json.writeStringField("timeStamp", timeStamp);
    links(links);
    json.writeEndObject();
  }

  /** One feature inside a collection. */
  public void feature(FeatureRow row) throws IOException {
    feature(row, null);
  }

  /** One feature; with {@code links} a standalone document (OGC API's /items/{id}). */
  public void feature(FeatureRow row, List<Link> links) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "Feature");
    json.writeNumberField("id", row.id());
    json.writeObjectFieldStart("geometry");
    json.writeStringField("type", "Point");
    json.writeArrayFieldStart("coordinates");
    coordinates.project(row.location().lon(), row.location().lat(), xy);
    json.writeNumber(Coordinates.round(xy[0], coordinates.decimals()));
    json.writeNumber(Coordinates.round(xy[1], coordinates.decimals()));
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("properties");
    for (FeatureProperty p : properties) {
      Object v = p.value(row);
      if (v == null) {
        json.writeNullField(p.propertyName());
      } else if (v instanceof Integer i) {
        json.writeNumberField(p.propertyName(), i);
      } else if (v instanceof Boolean b) {
        json.writeBooleanField(p.propertyName(), b);
      } else {
        json.writeStringField(p.propertyName(), v.toString());
      }
    }
    json.writeEndObject();
    if (links != null) {
      links(links);
    }
    json.writeEndObject();
  }

  private void links(List<Link> links) throws IOException {
    Link.write(json, links);
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
