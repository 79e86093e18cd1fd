package pl.kmzb.boundary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Streams a GeoJSON FeatureCollection into raw features. Only one feature is held as a JSON tree at
 * a time, because a full-resolution PRG layer converted to GeoJSON runs to hundreds of megabytes.
 * Geometries stay in the file's coordinates; {@link #crs()} says how to move them to lon/lat.
 */
final class GeoJsonFeatures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * One feature as found: index in the {@code features} array (0-based, as ogrinfo counts FIDs of
   * converted files), its properties (never null), and either a geometry or why there is none usable.
   */
  record RawFeature(int index, JsonNode properties, Geometry geometry, String geometryProblem) {}

  private final List<RawFeature> features;
  private final SourceCrs crs;

  private GeoJsonFeatures(List<RawFeature> features, SourceCrs crs) {
    this.features = features;
    this.crs = crs;
  }

  List<RawFeature> features() {
    return features;
  }

  SourceCrs crs() {
    return crs;
  }

  static GeoJsonFeatures read(InputStream in, String source, GeometryFactory factory) {
    try (JsonParser parser = MAPPER.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BoundaryFileException(source + ": not a GeoJSON object");
      }
      String type = null;
      JsonNode crs = null;
      List<RawFeature> features = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (member) {
          case "type" -> {
            type = parser.getValueAsString();
            parser.skipChildren(); // a malformed object-valued type must not derail the parse
          }
          case "crs" -> crs = parser.readValueAsTree();
          case "features" -> {
            if (value != JsonToken.START_ARRAY) {
              throw new BoundaryFileException(source + ": features is not an array");
            }
            features = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              features.add(feature(features.size(), parser.readValueAsTree(), factory));
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (!"FeatureCollection".equals(type)) {
        throw new BoundaryFileException(source + ": GeoJSON type is " + (type == null ? "missing"
            : "'" + type + "'") + ", expected a FeatureCollection");
      }
      if (features == null) {
        throw new BoundaryFileException(source + ": FeatureCollection without features");
      }
      return new GeoJsonFeatures(features, SourceCrs.of(crs, source));
    } catch (JsonProcessingException e) {
      throw new BoundaryFileException(source + ": not valid JSON at line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BoundaryFileException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static RawFeature feature(int index, JsonNode feature, GeometryFactory factory) {
    JsonNode properties = feature.path("properties");
    if (!properties.isObject()) {
      properties = MAPPER.createObjectNode();
    }
    if (!"Feature".equals(feature.path("type").asText())) {
      return new RawFeature(index, properties, null, "not a GeoJSON Feature");
    }
    JsonNode geometry = feature.get("geometry");
    if (geometry == null || geometry.isNull()) {
      return new RawFeature(index, properties, null, "no geometry");
    }
    try {
      return new RawFeature(index, properties, GeoJsonGeometry.read(geometry, factory), null);
    } catch (GeoJsonGeometry.Unusable e) {
      return new RawFeature(index, properties, null, e.getMessage());
    }
  }
}
