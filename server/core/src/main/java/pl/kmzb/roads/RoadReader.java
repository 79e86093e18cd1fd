package pl.kmzb.roads;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.operation.linemerge.LineMerger;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;

/**
 * Reads a road network from GeoJSON (a FeatureCollection of LineString/MultiLineString features;
 * RFC 7946 lon/lat, or a legacy {@code crs} member naming one of the published CRSs, EPSG:2180
 * above all) or from a GeoPackage ({@link GeoPackageRoads}). Each feature needs a road number in
 * {@code number}, {@code numer}, {@code ref} or {@code nr} ("DK7", "DK 7", "dw719", "S7"; a bare
 * number with a {@code class}/{@code klasa} property of national/voivodeship); a class that
 * contradicts the number is an error. Features of one number are joined end to end
 * ({@link LineMerger}) into one road, so a network cut into many pieces at junctions becomes one
 * continuous course per number where the pieces meet. Only one feature is held as a JSON tree at a
 * time. Errors are collected, one line per feature, and returned with the roads (see {@link RoadImport}).
 */
public final class RoadReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile("(A|S|DK|DW)[1-9][0-9]{0,3}[A-Z]?");
  private static final Pattern BARE = Pattern.compile("[1-9][0-9]{0,3}[A-Z]?");
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final CrsRegistry crs;

  public RoadReader(CrsRegistry crs) {
    this.crs = crs;
  }

  /** One feature's attributes and geometry as the file holds them, before validation. */
  record RawRoad(String where, String number, String roadClass, Geometry geometry, String problem) {}

  /** Reads {@code file}: a GeoPackage by its extension {@code .gpkg}, GeoJSON otherwise. */
  public RoadImport read(Path file) {
    String source = file.getFileName().toString();
    if (source.toLowerCase(Locale.ROOT).endsWith(".gpkg")) {
      return validate(source, GeoPackageRoads.read(file, crs));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, source);
    } catch (IOException e) {
      throw new RoadFileException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  public RoadImport read(InputStream in, String source) {
    return validate(source, geoJson(in, source));
  }

  private List<RawRoad> geoJson(InputStream in, String source) {
    try (JsonParser parser = MAPPER.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new RoadFileException(source + ": not a GeoJSON object");
      }
      String type = null;
      String crsName = null;
      boolean features = false;
      List<RawRoad> raw = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (member) {
          case "type" -> {
            type = parser.getValueAsString();
            parser.skipChildren();
          }
          case "crs" -> crsName = crsName(parser.readValueAsTree(), source);
          case "features" -> {
            if (value != JsonToken.START_ARRAY) {
              throw new RoadFileException(source + ": features is not an array");
            }
            features = true;
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              raw.add(feature(index++, parser.readValueAsTree()));
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (!"FeatureCollection".equals(type)) {
        throw new RoadFileException(source + ": GeoJSON type is " + (type == null ? "missing" : "'" + type + "'")
            + ", expected a FeatureCollection");
      }
      if (!features) {
        throw new RoadFileException(source + ": FeatureCollection without features");
      }
      // The crs member may follow the features, so coordinates are moved to lon/lat only now.
      CrsTransform toLonLat = toLonLat(crsName, source);
      return toLonLat == null ? raw : raw.stream().map(r -> r.geometry() == null ? r
          : new RawRoad(r.where(), r.number(), r.roadClass(), toLonLat.apply(r.geometry()), r.problem())).toList();
    } catch (JsonProcessingException e) {
      throw new RoadFileException(source + ": not valid JSON at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new RoadFileException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String crsName(JsonNode crs, String source) {
    if (crs == null || crs.isNull()) {
      return null;
    }
    if (crs.path("type").asText("").equals("name") && crs.path("properties").path("name").isTextual()) {
      return crs.path("properties").path("name").asText();
    }
    throw new RoadFileException(source + ": unsupported crs member " + crs
        + "; expected {\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2180\"}}");
  }

  /** The transform from the file's CRS to lon/lat, or null if the file is lon/lat already. */
  CrsTransform toLonLat(String crsName, String source) {
    if (crsName == null) {
      return null;
    }
    Crs from = crs.find(crsName).orElseThrow(() -> new RoadFileException(source + ": unsupported crs '" + crsName
        + "'; supported: " + crs.supported().stream().map(Crs::code).toList()));
    // GeoJSON and GeoPackage write x = east whatever the EPSG axis order, as GDAL does.
    return from.geographic() ? null : crs.toLonLat(from);
  }

  private static RawRoad feature(int index, JsonNode feature) {
    String where = "feature " + index;
    JsonNode properties = feature.path("properties");
    String number = text(properties, "number", "numer", "ref", "nr");
    String roadClass = text(properties, "class", "klasa");
    if (!"Feature".equals(feature.path("type").asText())) {
      return new RawRoad(where, number, roadClass, null, "not a GeoJSON Feature");
    }
    try {
      return new RawRoad(where, number, roadClass, lines(feature.get("geometry")), null);
    } catch (IllegalArgumentException e) {
      return new RawRoad(where, number, roadClass, null, e.getMessage());
    }
  }

  private static String text(JsonNode properties, String... names) {
    for (String n : names) {
      JsonNode v = properties.get(n);
      if (v != null && (v.isTextual() || v.isNumber())) {
        return v.asText();
      }
    }
    return null;
  }

  private static Geometry lines(JsonNode geometry) {
    if (geometry == null || geometry.isNull() || !geometry.isObject()) {
      throw new IllegalArgumentException("no geometry");
    }
    String type = geometry.path("type").asText("");
    JsonNode coordinates = geometry.get("coordinates");
    return switch (type) {
      case "LineString" -> line(coordinates);
      case "MultiLineString" -> {
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
          throw new IllegalArgumentException("MultiLineString without lines");
        }
        LineString[] parts = new LineString[coordinates.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = line(coordinates.get(i));
        }
        yield GEOMETRY.createMultiLineString(parts);
      }
      default -> throw new IllegalArgumentException("geometry is " + (type.isEmpty() ? "untyped" : "a " + type)
          + ", not a LineString or MultiLineString");
    };
  }

  private static LineString line(JsonNode positions) {
    if (positions == null || !positions.isArray() || positions.size() < 2) {
      throw new IllegalArgumentException("a line needs at least two positions");
    }
    Coordinate[] points = new Coordinate[positions.size()];
    for (int i = 0; i < points.length; i++) {
      JsonNode p = positions.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new IllegalArgumentException("position " + abbreviate(p.toString()) + " is not [x, y]");
      }
      points[i] = new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
    }
    return GEOMETRY.createLineString(points);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  /** Checks every raw feature and joins the valid ones per number; nothing is dropped silently. */
  static RoadImport validate(String source, List<RawRoad> raw) {
    List<String> errors = new ArrayList<>();
    Map<String, List<LineString>> byNumber = new LinkedHashMap<>();
    for (RawRoad r : raw) {
      String number = normalise(r.number(), r.roadClass());
      String problem = r.problem();
      if (problem == null && number == null) {
        problem = r.number() == null ? "no road number (number, numer, ref or nr)"
            : "road number '" + abbreviate(r.number()) + "' is not A…, S…, DK… or DW… (a bare number needs class)";
      }
      if (problem == null && r.roadClass() != null) {
        RoadClass named = RoadClass.ofKey(r.roadClass());
        if (named == null) {
          problem = "class '" + abbreviate(r.roadClass()) + "' is not national or voivodeship";
        } else if (named != RoadClass.ofNumber(number)) {
          problem = "class " + named.key() + " contradicts road number " + number;
        }
      }
      if (problem == null) {
        problem = lonLatProblem(r.geometry());
      }
      if (problem != null) {
        errors.add(r.where() + (number == null ? "" : " (" + number + ")") + ": " + problem);
        continue;
      }
      List<LineString> parts = byNumber.computeIfAbsent(number, n -> new ArrayList<>());
      for (int i = 0; i < r.geometry().getNumGeometries(); i++) {
        parts.add((LineString) r.geometry().getGeometryN(i));
      }
    }
    List<Road> roads = new ArrayList<>();
    byNumber.forEach((number, parts) -> roads.add(new Road(number, RoadClass.ofNumber(number), merged(parts))));
    return new RoadImport(source, roads, errors);
  }

  /** "DK 7", "dk-7", "7" + national → "DK7"; null if it cannot be a number of a class this import covers. */
  static String normalise(String number, String roadClass) {
    if (number == null) {
      return null;
    }
    String n = number.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    if (BARE.matcher(n).matches() && roadClass != null && RoadClass.ofKey(roadClass) != null) {
      n = (RoadClass.ofKey(roadClass) == RoadClass.NATIONAL ? "DK" : "DW") + n;
    }
    return NUMBER.matcher(n).matches() ? n : null;
  }

  private static String lonLatProblem(Geometry g) {
    for (Coordinate c : g.getCoordinates()) {
      if (!(c.x >= 14 && c.x <= 24.5 && c.y >= 49 && c.y <= 55)) {
        // Poland's lon/lat box with a margin: a swapped axis or a wrong crs shows here, not as a road in the sea.
        return "position " + c.x + ", " + c.y + " lies outside Poland (lon 14–24.5, lat 49–55): wrong crs or axis order?";
      }
    }
    if (g.getLength() == 0) {
      return "the line has no length";
    }
    return null;
  }

  /** The parts of one road joined where their ends meet (LineMerger's order: the same for the same file). */
  private static MultiLineString merged(List<LineString> parts) {
    LineMerger merger = new LineMerger();
    parts.forEach(merger::add);
    @SuppressWarnings("unchecked")
    List<LineString> lines = new ArrayList<>((java.util.Collection<LineString>) merger.getMergedLineStrings());
    return GEOMETRY.createMultiLineString(lines.toArray(LineString[]::new));
  }
}
