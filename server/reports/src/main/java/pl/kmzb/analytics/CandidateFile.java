package pl.kmzb.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Json;

/**
 * Candidate sites posted by an analyst: a CSV file with a header naming {@code lon} and {@code lat}
 * (WGS 84 degrees) and optionally {@code id}, or a GeoJSON FeatureCollection of Points (an
 * {@code id} or {@code name} property, else the feature's id). Every site must lie in Poland's
 * bounds; at most {@link AnalyticsLimits#MAX_CANDIDATES}. Any problem is a 400 naming the row.
 */
public final class CandidateFile {
  private CandidateFile() {}

  public static List<Candidate> read(byte[] body, String contentType, CrsTransform to2180) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean csv = type.startsWith("text/csv") || (!type.contains("json") && !looksLikeJson(body));
    List<Candidate> out = csv ? csv(body, to2180) : geoJson(body, to2180);
    if (out.isEmpty()) {
      throw ApiException.badRequest("body", "the candidate file lists no sites");
    }
    return out;
  }

  private static boolean looksLikeJson(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).stripLeading();
    return head.startsWith("{");
  }

  private static List<Candidate> csv(byte[] body, CrsTransform to2180) {
    List<Candidate> out = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
      int line = 1;
      while (rows.hasNext()) {
        line++;
        Map<String, String> row = rows.next();
        if (!row.containsKey("lon") || !row.containsKey("lat")) {
          throw ApiException.badRequest("body", "the CSV header must name the columns lon and lat (and may name id)");
        }
        String id = row.getOrDefault("id", "").isBlank() ? "row " + line : row.get("id").strip();
        out.add(site(id, number(row.get("lon"), "lon", line), number(row.get("lat"), "lat", line), "line " + line, to2180));
        limit(out);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      throw ApiException.badRequest("body", "malformed CSV: " + firstLine(e.getMessage()));
    }
    return out;
  }

  private static List<Candidate> geoJson(byte[] body, CrsTransform to2180) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("body", "malformed JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
      throw ApiException.badRequest("body", "a GeoJSON candidate file must be a FeatureCollection of Points");
    }
    List<Candidate> out = new ArrayList<>();
    int i = 0;
    for (JsonNode f : root.path("features")) {
      String where = "feature " + i++;
      JsonNode g = f.path("geometry");
      JsonNode c = g.path("coordinates");
      if (!"Point".equals(g.path("type").asText()) || !c.isArray() || c.size() < 2 || !c.get(0).isNumber()
          || !c.get(1).isNumber()) {
        throw ApiException.badRequest("body", where + ": the geometry must be a Point [lon, lat]");
      }
      JsonNode p = f.path("properties");
      String id = p.hasNonNull("id") ? p.get("id").asText() : p.hasNonNull("name") ? p.get("name").asText()
          : f.hasNonNull("id") ? f.get("id").asText() : where;
      out.add(site(id, c.get(0).asDouble(), c.get(1).asDouble(), where, to2180));
      limit(out);
    }
    return out;
  }

  private static Candidate site(String id, double lon, double lat, String where, CrsTransform to2180) {
    if (!Envelope.POLAND.contains(lon, lat)) {
      throw ApiException.badRequest("body", where + ": (" + lon + ", " + lat + ") is not in Poland (lon, lat in WGS 84)");
    }
    if (id.length() > 200) {
      throw ApiException.badRequest("body", where + ": the id is longer than 200 characters");
    }
    double[] xy = to2180.apply(lon, lat);
    return new Candidate(id, new LonLat(lon, lat), xy[0], xy[1]);
  }

  private static void limit(List<Candidate> out) {
    if (out.size() > AnalyticsLimits.MAX_CANDIDATES) {
      throw ApiException.badRequest("body", "at most " + AnalyticsLimits.MAX_CANDIDATES + " candidate sites per request");
    }
  }

  private static double number(String v, String column, int line) {
    try {
      double d = Double.parseDouble(v.strip());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // fall through to the refusal naming the line
    }
    throw ApiException.badRequest("body", "line " + line + ": " + column + " '" + v + "' is not a number");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
