package pl.kmzb.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import pl.kmzb.report.SubmissionRejected;
import pl.kmzb.report.SubmissionRejected.Kind;
import pl.kmzb.report.SubmissionRejected.Problem;

/**
 * What a caller sent for a new report, before validation: plain JSON
 * {@code {"category","lon","lat","occurredOn"?,"timeOfDay"?,"description"?}} or an RFC 7946
 * GeoJSON Feature with a Point geometry (longitude, latitude) and the other fields as properties.
 * Fields arrive as JSON nodes so that a wrong type is reported per field, not as one parse error.
 */
public record ReportSubmission(JsonNode category, JsonNode lon, JsonNode lat, JsonNode occurredOn, JsonNode timeOfDay,
    JsonNode description) {
  private static final Set<String> FIELDS = Set.of("category", "lon", "lat", "occurredOn", "timeOfDay", "description");
  private static final Set<String> PROPERTIES = Set.of("category", "occurredOn", "timeOfDay", "description");

  /** Reads either shape; unknown fields and a malformed Feature are errors naming the field. */
  public static ReportSubmission of(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw SubmissionRejected.of("body", Kind.INVALID, "the body must be a JSON object or a GeoJSON Feature");
    }
    if (root.has("type")) {
      return ofFeature(root);
    }
    rejectUnknown(root, FIELDS, "");
    return new ReportSubmission(root.get("category"), root.get("lon"), root.get("lat"), root.get("occurredOn"),
        root.get("timeOfDay"), root.get("description"));
  }

  private static ReportSubmission ofFeature(JsonNode f) {
    if (!"Feature".equals(f.path("type").asText())) {
      throw SubmissionRejected.of("type", Kind.INVALID, "only a GeoJSON Feature is accepted, not '" + f.path("type").asText() + "'");
    }
    rejectUnknown(f, Set.of("type", "geometry", "properties", "id", "bbox"), "");
    JsonNode g = f.path("geometry");
    if (!"Point".equals(g.path("type").asText())) {
      throw SubmissionRejected.of("geometry", Kind.INVALID, "the geometry must be a GeoJSON Point");
    }
    JsonNode coords = g.path("coordinates");
    if (!coords.isArray() || coords.size() < 2 || coords.size() > 3) {
      throw SubmissionRejected.of("geometry.coordinates", Kind.INVALID, "a Point needs [longitude, latitude]");
    }
    JsonNode props = f.path("properties");
    if (!props.isObject()) {
      throw SubmissionRejected.of("properties", Kind.INVALID, "properties must be an object holding at least 'category'");
    }
    rejectUnknown(props, PROPERTIES, "properties.");
    return new ReportSubmission(props.get("category"), coords.get(0), coords.get(1), props.get("occurredOn"),
        props.get("timeOfDay"), props.get("description"));
  }

  private static void rejectUnknown(JsonNode node, Set<String> known, String prefix) {
    List<Problem> errors = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        errors.add(new Problem(prefix + name, Kind.UNKNOWN_FIELD, "unknown field '" + prefix + name + "'"));
      }
    });
    if (!errors.isEmpty()) {
      throw new SubmissionRejected("the report has unknown fields", errors);
    }
  }
}
