package pl.kmzb.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.proj4j.Proj4jException;

/**
 * Reads the boundaries of one level from a file and validates every feature. GeoJSON is read
 * directly (RFC 7946 lon/lat, or a legacy {@code crs} member such as EPSG:2180, reprojected with
 * proj4j); every other format (PRG shapefiles, GeoPackage, GML) goes through GDAL's ogr2ogr.
 * Bad features do not stop the read: each is listed in {@link BoundaryImport#errors()} with its
 * 0-based index, and the good ones are returned.
 */
public final class BoundaryReader {
  /** A municipality written as a PRG cadastral-unit code (WWPPGG_R): the same digits with a '_'. */
  private static final Pattern CADASTRAL_FORM = Pattern.compile("\\d{6}_[1-5]");

  private final BoundaryLevel level;
  private final AttributeMapping mapping;
  private final String ogr2ogr;
  private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);

  /** A reader for PRG attribute names ({@code JPT_KOD_JE}, {@code JPT_NAZWA_}). */
  public BoundaryReader(BoundaryLevel level) {
    this(level, AttributeMapping.PRG);
  }

  public BoundaryReader(BoundaryLevel level, AttributeMapping mapping) {
    this(level, mapping, "ogr2ogr");
  }

  private BoundaryReader(BoundaryLevel level, AttributeMapping mapping, String ogr2ogr) {
    this.level = Objects.requireNonNull(level, "level");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.ogr2ogr = Objects.requireNonNull(ogr2ogr, "ogr2ogr");
  }

  /** The same reader running ogr2ogr from another path (e.g. a GDAL not on the PATH). */
  public BoundaryReader withOgr2ogr(String command) {
    return new BoundaryReader(level, mapping, command);
  }

  /** Reads {@code .geojson}/{@code .json} directly and any other file through ogr2ogr. */
  public BoundaryImport read(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString()
        .toLowerCase(Locale.ROOT);
    if (name.endsWith(".geojson") || name.endsWith(".json")) {
      requireExists(file);
      try (InputStream in = Files.newInputStream(file)) {
        return readGeoJson(in, file.toString());
      } catch (IOException e) {
        throw new BoundaryFileException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return read(file, null);
  }

  /**
   * Reads {@code layer} of {@code file} (all of it when null) through ogr2ogr, which reprojects to
   * EPSG:4326 on the way. Fails with "install gdal-bin" when ogr2ogr is not installed.
   */
  public BoundaryImport read(Path file, String layer) {
    // GDAL's virtual paths (/vsizip/…) do not exist on disk; GDAL itself reports those.
    if (!file.toString().startsWith("/vsi")) {
      requireExists(file);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("kmzb-boundaries");
      Path geojson = dir.resolve("boundaries.geojson");
      new Ogr2ogr(ogr2ogr).toGeoJson(file, layer, geojson);
      try (InputStream in = Files.newInputStream(geojson)) {
        return readGeoJson(in, file + (layer == null ? "" : " layer " + layer));
      }
    } catch (IOException e) {
      throw new BoundaryFileException("cannot read " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Reads a GeoJSON FeatureCollection; {@code source} names it in messages. */
  public BoundaryImport readGeoJson(InputStream in, String source) {
    GeoJsonFeatures parsed = GeoJsonFeatures.read(in, source, factory);
    List<Boundary> boundaries = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int repaired = 0;
    for (GeoJsonFeatures.RawFeature feature : parsed.features()) {
      List<String> problems = new ArrayList<>();
      String code = code(feature.properties(), problems);
      String name = name(feature.properties(), problems);
      if (code != null) {
        Integer first = seen.putIfAbsent(code, feature.index());
        if (first != null) {
          problems.add("duplicate code " + code + ", already at feature " + first);
        }
      }
      Geometry geometry = null;
      boolean wasRepaired = false;
      if (feature.geometryProblem() != null) {
        problems.add(feature.geometryProblem());
      } else {
        geometry = feature.geometry();
        String problem = toLonLat(geometry, parsed.crs());
        if (problem == null && geometry.isEmpty()) {
          problem = "empty geometry";
        }
        if (problem == null && !geometry.isValid()) {
          // PRG outlines are valid, but simplified or hand-edited copies often self-touch.
          geometry = repair(geometry);
          wasRepaired = true;
          if (geometry.isEmpty()) {
            problem = "geometry is empty after repair";
          }
        }
        if (problem != null) {
          problems.add(problem);
        }
      }
      if (problems.isEmpty()) {
        boundaries.add(new Boundary(level, code, name, geometry));
        repaired += wasRepaired ? 1 : 0;
      } else {
        errors.add("feature " + feature.index() + (code == null ? "" : " (" + code + ")") + ": "
            + String.join("; ", problems));
      }
    }
    return new BoundaryImport(level, boundaries, repaired, errors);
  }

  private String code(JsonNode properties, List<String> problems) {
    String field = mapping.codeField();
    JsonNode value = properties.get(field);
    String code;
    if (value == null || value.isNull()) {
      problems.add("no code in property '" + field + "'");
      return null;
    } else if (value.isNumber() && value.canConvertToExactIntegral()) {
      code = value.bigIntegerValue().toString();
      // A numeric column drops the leading zero of voivodeships 02-08. Padding it back would also
      // turn plain feature numbers into plausible codes, so say what happened instead.
      if (code.length() == level.codeLength() - 1) {
        problems.add("code in '" + field + "' is the number " + code + "; numbers lose leading "
            + "zeros, store TERYT codes as text (was it '0" + code + "'?)");
        return null;
      }
    } else if (value.isTextual()) {
      code = value.asText().strip();
      if (level == BoundaryLevel.MUNICIPALITY && CADASTRAL_FORM.matcher(code).matches()) {
        code = code.replace("_", "");
      }
    } else {
      problems.add("code in '" + field + "' is " + value + ", not text");
      return null;
    }
    if (code.isEmpty()) {
      problems.add("empty code in property '" + field + "'");
      return null;
    }
    var problem = level.problem(code);
    if (problem.isPresent()) {
      problems.add("code in '" + field + "' " + problem.get());
      return null;
    }
    return code;
  }

  private String name(JsonNode properties, List<String> problems) {
    JsonNode value = properties.get(mapping.nameField());
    String name = value == null || value.isNull() ? "" : value.asText().strip();
    if (name.isEmpty()) {
      problems.add("no name in property '" + mapping.nameField() + "'");
    }
    return name;
  }

  /** Moves the geometry to lon/lat in place; returns why it cannot be used, or null. */
  private static String toLonLat(Geometry geometry, SourceCrs crs) {
    try {
      crs.toLonLat(geometry);
    } catch (Proj4jException e) {
      return "cannot reproject from " + crs.name() + ": " + e.getMessage();
    }
    RangeCheck check = new RangeCheck();
    geometry.apply(check);
    if (check.outside == null) {
      return null;
    }
    String where = "coordinate " + check.outside + " is outside longitude/latitude range";
    return crs.isLonLat()
        ? where + "; a projected file (EPSG:2180) needs a crs member, or convert it with ogr2ogr"
        : where + " after reprojection from " + crs.name();
  }

  private Geometry repair(Geometry geometry) {
    Geometry fixed = GeometryFixer.fix(geometry);
    if (fixed instanceof Polygonal) {
      return fixed;
    }
    // Polygonal input gives polygonal output, but keep only the areas should that ever change.
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(fixed);
    return polygons.size() == 1 ? polygons.get(0)
        : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  /** Finds the first vertex that is not a finite lon/lat (NaN would slip through an envelope test). */
  private static final class RangeCheck implements CoordinateSequenceFilter {
    String outside;

    @Override
    public void filter(CoordinateSequence seq, int i) {
      double x = seq.getX(i);
      double y = seq.getY(i);
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
        outside = "(" + x + ", " + y + ")";
      }
    }

    @Override
    public boolean isDone() {
      return outside != null;
    }

    @Override
    public boolean isGeometryChanged() {
      return false;
    }
  }

  private static void requireExists(Path file) {
    if (!Files.exists(file)) {
      throw new BoundaryFileException("cannot read " + file + ": no such file");
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A temporary file left behind is not worth failing an import for.
    }
  }
}
