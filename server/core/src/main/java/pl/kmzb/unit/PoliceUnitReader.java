package pl.kmzb.unit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import pl.kmzb.geo.LonLat;

/**
 * Reads police units from CSV (header {@code code,name,type,lon,lat,areas}, areas separated by
 * ';', ',' or blanks; RFC 4180 quoting; UTF-8 with or without a BOM) or from a GeoJSON
 * FeatureCollection of Points (properties {@code code}, {@code name}, {@code type}, {@code areas} as
 * an array of strings or one separated string). Every bad row or feature is reported with its line
 * number or 0-based feature index; duplicate codes are errors too.
 */
public final class PoliceUnitReader {
  static final List<String> COLUMNS = List.of("code", "name", "type", "lon", "lat", "areas");
  private static final Pattern AREA_SEPARATORS = Pattern.compile("[;,\\s]+");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PoliceUnitReader() {}

  /**
   * Reads a file, choosing the format by its extension ({@code .csv}; {@code .geojson} or
   * {@code .json}) or else by its first character ('{' is GeoJSON).
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PoliceUnitImport read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read police units from " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return readCsv(bytes);
    }
    if (name.endsWith(".geojson") || name.endsWith(".json")) {
      return readGeoJson(bytes);
    }
    Optional<String> text = decode(bytes);
    return text.isPresent() && text.get().stripLeading().startsWith("{") ? readGeoJson(bytes) : readCsv(bytes);
  }

  /** Reads CSV in UTF-8 (a BOM is skipped). */
  public static PoliceUnitImport readCsv(byte[] bytes) {
    Optional<String> text = decode(bytes);
    if (text.isEmpty()) {
      return new PoliceUnitImport(List.of(), List.of("the file is not UTF-8 text; save it as UTF-8"));
    }
    return readCsv(text.get());
  }

  /** Reads CSV text (a leading BOM is skipped). */
  public static PoliceUnitImport readCsv(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Csv.Parsed parsed = Csv.parse(text);
    List<String> errors = new ArrayList<>();
    List<Csv.Row> rows = parsed.rows().stream().filter(r -> !r.blank()).toList();
    if (rows.isEmpty()) {
      errors.add(parsed.fatal() != null ? parsed.fatal() : "the file is empty; expected a header "
          + String.join(",", COLUMNS));
      return new PoliceUnitImport(List.of(), errors);
    }
    Csv.Row header = rows.get(0);
    Map<String, Integer> columns = header(header, errors);
    if (columns == null) {
      return new PoliceUnitImport(List.of(), errors);
    }
    Collector out = new Collector(errors);
    for (Csv.Row row : rows.subList(1, rows.size())) {
      String where = "line " + row.line();
      if (row.problem() != null) {
        errors.add(where + ": " + row.problem());
        continue;
      }
      if (row.fields().size() != header.fields().size()) {
        errors.add(where + ": " + row.fields().size() + " fields, but the header has " + header.fields().size());
        continue;
      }
      List<String> problems = new ArrayList<>();
      String code = row.fields().get(columns.get("code")).strip();
      UnitType type = type(row.fields().get(columns.get("type")), problems);
      LonLat location = location(number(row.fields().get(columns.get("lon")), "lon", problems),
          number(row.fields().get(columns.get("lat")), "lat", problems), problems);
      Set<String> areas = areas(List.of(AREA_SEPARATORS.split(row.fields().get(columns.get("areas")).strip())),
          problems);
      out.add(where, code, row.fields().get(columns.get("name")), type, location, areas, problems);
    }
    if (parsed.fatal() != null) {
      errors.add(parsed.fatal());
    }
    return new PoliceUnitImport(out.units, errors);
  }

  private static Map<String, Integer> header(Csv.Row header, List<String> errors) {
    String where = "line " + header.line();
    if (header.problem() != null) {
      errors.add(where + ": " + header.problem());
      return null;
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        unknown.add("'" + header.fields().get(i) + "'");
      } else if (columns.putIfAbsent(name, i) != null) {
        errors.add(where + ": column '" + name + "' appears twice");
      }
    }
    List<String> missing = COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!unknown.isEmpty()) {
      errors.add(where + ": unknown column(s) " + String.join(", ", unknown) + "; expected the header "
          + String.join(",", COLUMNS));
    }
    if (!missing.isEmpty()) {
      errors.add(where + ": missing column(s) " + String.join(", ", missing) + "; expected the header "
          + String.join(",", COLUMNS));
    }
    return errors.isEmpty() ? columns : null;
  }

  /** Reads a GeoJSON FeatureCollection of Points in lon/lat (EPSG:4326 / CRS84). */
  public static PoliceUnitImport readGeoJson(byte[] bytes) {
    List<String> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      errors.add("not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
      return new PoliceUnitImport(List.of(), errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asText())
        || !root.path("features").isArray()) {
      errors.add("expected a GeoJSON FeatureCollection with a 'features' array");
      return new PoliceUnitImport(List.of(), errors);
    }
    String crs = root.path("crs").path("properties").path("name").asText("");
    if (!crs.isEmpty() && !crs.endsWith("CRS84") && !crs.endsWith(":4326") && !crs.endsWith("::4326")) {
      errors.add("coordinates must be longitude/latitude (EPSG:4326, CRS84), not " + crs);
      return new PoliceUnitImport(List.of(), errors);
    }
    Collector out = new Collector(errors);
    JsonNode features = root.get("features");
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      String where = "feature " + i;
      if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
        errors.add(where + ": not a GeoJSON Feature");
        continue;
      }
      List<String> problems = new ArrayList<>();
      JsonNode p = f.path("properties");
      String code = text(p, "code", problems);
      String name = text(p, "name", problems);
      String typeText = text(p, "type", problems);
      UnitType type = typeText == null ? null : type(typeText, problems);
      LonLat location = point(f.path("geometry"), problems);
      Set<String> areas = null;
      JsonNode a = p.path("areas");
      if (a.isArray()) {
        List<String> codes = new ArrayList<>();
        for (JsonNode item : a) {
          if (item.isTextual()) {
            codes.add(item.asText().strip());
          } else {
            problems.add("areas must be strings (TERYT codes keep their leading zeros), not " + item);
          }
        }
        areas = areas(codes, problems);
      } else if (a.isTextual()) {
        areas = areas(List.of(AREA_SEPARATORS.split(a.asText().strip())), problems);
      } else {
        problems.add("property 'areas' is missing; give the TERYT codes the unit serves as an array of strings");
      }
      out.add(where, code == null ? null : code.strip(), name, type, location, areas, problems);
    }
    return new PoliceUnitImport(out.units, errors);
  }

  private static String text(JsonNode properties, String key, List<String> problems) {
    JsonNode v = properties.path(key);
    if (v.isTextual()) {
      return v.asText();
    }
    problems.add("property '" + key + "' must be a string" + (v.isMissingNode() || v.isNull() ? " and is missing" : ""));
    return null;
  }

  private static LonLat point(JsonNode geometry, List<String> problems) {
    JsonNode c = geometry.path("coordinates");
    if (!"Point".equals(geometry.path("type").asText()) || !c.isArray() || c.size() < 2 || !c.get(0).isNumber()
        || !c.get(1).isNumber()) {
      problems.add("geometry must be a Point with [longitude, latitude]");
      return null;
    }
    return location(c.get(0).asDouble(), c.get(1).asDouble(), problems);
  }

  private static UnitType type(String value, List<String> problems) {
    Optional<UnitType> type = UnitType.ofCode(value);
    if (type.isEmpty()) {
      problems.add("type '" + value.strip() + "' is not one of KWP, KMP, KPP, KP, PP");
    }
    return type.orElse(null);
  }

  private static Double number(String value, String what, List<String> problems) {
    try {
      return Double.valueOf(value.strip());
    } catch (NumberFormatException e) {
      problems.add(what + " '" + value.strip() + "' is not a number (use a dot for decimals)");
      return null;
    }
  }

  private static LonLat location(Double lon, Double lat, List<String> problems) {
    if (lon == null || lat == null) {
      return null;
    }
    try {
      return new LonLat(lon, lat);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private static Set<String> areas(List<String> codes, List<String> problems) {
    Set<String> areas = new LinkedHashSet<>();
    for (String code : codes) {
      if (code.isEmpty()) {
        continue;
      }
      Optional<String> problem = PoliceUnit.checkArea(code);
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else {
        areas.add(code);
      }
    }
    if (areas.isEmpty() && problems.isEmpty()) {
      problems.add("no areas: give the TERYT codes the unit serves");
    }
    return areas;
  }

  private static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Validates rows into units and catches duplicate codes, remembering where each code was first seen. */
  private static final class Collector {
    private final List<String> errors;
    private final List<PoliceUnit> units = new ArrayList<>();
    private final Map<String, String> seen = new HashMap<>();

    Collector(List<String> errors) {
      this.errors = errors;
    }

    void add(String where, String code, String name, UnitType type, LonLat location, Set<String> areas,
        List<String> problems) {
      List<String> all = new ArrayList<>();
      if (code != null) {
        PoliceUnit.checkCode(code).ifPresent(all::add);
      }
      if (name == null) {
        // already reported as a missing property
      } else if (name.isBlank()) {
        all.add("name is empty");
      } else if (name.strip().length() > PoliceUnit.MAX_NAME) {
        all.add("name is longer than " + PoliceUnit.MAX_NAME + " characters");
      }
      all.addAll(problems);
      if (code != null && !code.isEmpty()) {
        String first = seen.putIfAbsent(code, where);
        if (first != null) {
          all.add("code '" + code + "' is already used on " + first);
        }
      }
      if (!all.isEmpty()) {
        errors.add(where + ": " + String.join("; ", all));
        return;
      }
      units.add(new PoliceUnit(code, name, type, location, areas));
    }
  }
}
