package pl.kmzb.roads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;

/**
 * The first feature table of a GeoPackage (OGC 12-128r18) read through the SQLite driver the embedded
 * store already uses, opened read-only: each row's geometry blob is the GeoPackage header ("GP",
 * version, flags, srs_id, an optional envelope) followed by standard WKB; the table's CRS comes from
 * {@code gpkg_spatial_ref_sys}. Attribute columns are found by name as in GeoJSON, case ignored.
 */
final class GeoPackageRoads {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private GeoPackageRoads() {}

  static List<RoadReader.RawRoad> read(Path file, CrsRegistry crs) {
    String source = file.getFileName().toString();
    if (!Files.isReadable(file)) {
      throw new RoadFileException(source + ": cannot read the file");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(),
        readOnly())) {
      Table t = table(c, source);
      CrsTransform toLonLat = new RoadReader(crs).toLonLat(t.srsName(), source);
      List<String> columns = columns(c, t.name());
      String number = pick(columns, "number", "numer", "ref", "nr");
      String roadClass = pick(columns, "class", "klasa");
      String sql = "SELECT " + quote(t.geometryColumn()) + ", " + (number == null ? "NULL" : quote(number)) + ", "
          + (roadClass == null ? "NULL" : quote(roadClass)) + " FROM " + quote(t.name());
      List<RoadReader.RawRoad> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        int row = 0;
        while (rs.next()) {
          String where = "row " + row++;
          String problem = null;
          Geometry g = null;
          try {
            g = lines(rs.getBytes(1));
            if (toLonLat != null) {
              g = toLonLat.apply(g);
            }
          } catch (IllegalArgumentException e) {
            problem = e.getMessage();
          }
          out.add(new RoadReader.RawRoad(where, rs.getString(2), rs.getString(3), g, problem));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new RoadFileException(source + ": not a readable GeoPackage: " + e.getMessage(), e);
    }
  }

  private static java.util.Properties readOnly() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    return p;
  }

  private record Table(String name, String geometryColumn, String srsName) {}

  private static Table table(Connection c, String source) throws SQLException {
    String sql = "SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id"
        + " FROM gpkg_contents t JOIN gpkg_geometry_columns g ON g.table_name = t.table_name"
        + " JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE t.data_type = 'features' ORDER BY t.table_name";
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new RoadFileException(source + ": the GeoPackage has no feature table");
      }
      String org = rs.getString(3) == null ? "" : rs.getString(3).toUpperCase(Locale.ROOT);
      int code = rs.getInt(4);
      if (!org.equals("EPSG")) {
        throw new RoadFileException(source + ": table " + rs.getString(1) + " is in " + org + ":" + code
            + "; expected an EPSG CRS");
      }
      return new Table(rs.getString(1), rs.getString(2), code == 4326 ? null : "EPSG:" + code);
    }
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String pick(List<String> columns, String... names) {
    for (String n : names) {
      for (String c : columns) {
        if (c.equalsIgnoreCase(n)) {
          return c;
        }
      }
    }
    return null;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A GeoPackage geometry blob → LineString/MultiLineString; the header's length follows its envelope flag. */
  static Geometry lines(byte[] blob) {
    if (blob == null) {
      throw new IllegalArgumentException("no geometry");
    }
    if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
      throw new IllegalArgumentException("geometry is not a GeoPackage binary (no 'GP' header)");
    }
    int flags = blob[3];
    int envelope = switch ((flags >> 1) & 0x7) {
      case 0 -> 0;
      case 1 -> 32;
      case 2, 3 -> 48;
      case 4 -> 64;
      default -> throw new IllegalArgumentException("geometry header has an invalid envelope flag");
    };
    if ((flags & 0x10) != 0) {
      throw new IllegalArgumentException("empty geometry");
    }
    int offset = 8 + envelope;
    if (blob.length <= offset) {
      throw new IllegalArgumentException("geometry blob ends inside its header");
    }
    byte[] wkb = java.util.Arrays.copyOfRange(blob, offset, blob.length);
    Geometry g;
    try {
      g = new WKBReader(GEOMETRY).read(wkb);
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("bad WKB: " + e.getMessage());
    }
    if (g instanceof LineString l) {
      return GEOMETRY.createMultiLineString(new LineString[] {l});
    }
    if (g instanceof MultiLineString) {
      return g;
    }
    throw new IllegalArgumentException("geometry is a " + g.getGeometryType() + ", not a LineString or MultiLineString");
  }
}
