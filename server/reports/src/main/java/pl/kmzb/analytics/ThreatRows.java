package pl.kmzb.analytics;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import pl.kmzb.geo.LonLat;
import pl.kmzb.http.Json;

/** Point rows out as they come: a GeoJSON FeatureCollection of Points or CSV, one row per call. */
abstract class ThreatRows {
  abstract void row(LonLat at, Object[] values) throws IOException;

  abstract void close() throws IOException;

  static ThreatRows csv(OutputStream out, List<String> names) throws IOException {
    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write(String.join(",", names));
    w.write("\r\n");
    return new ThreatRows() {
      @Override
      void row(LonLat at, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(GridWriter.csvValue(values[i]));
        }
        w.write("\r\n");
      }

      @Override
      void close() throws IOException {
        w.flush();
      }
    };
  }

  static ThreatRows geoJson(OutputStream out, List<String> names) throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.writeStartObject();
    g.writeStringField("type", "FeatureCollection");
    g.writeArrayFieldStart("features");
    return new ThreatRows() {
      @Override
      void row(LonLat at, Object[] values) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Point");
        g.writeArrayFieldStart("coordinates");
        g.writeNumber(at.lon());
        g.writeNumber(at.lat());
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        for (int i = 0; i < names.size(); i++) {
          g.writeFieldName(names.get(i));
          Json.MAPPER.writeValue(g, values[i]);
        }
        g.writeEndObject();
        g.writeEndObject();
      }

      @Override
      void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
      }
    };
  }
}
