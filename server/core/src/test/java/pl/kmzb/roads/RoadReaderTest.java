package pl.kmzb.roads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.WKBWriter;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;

class RoadReaderTest {
  static final CrsRegistry CRS = CrsRegistry.standard();
  static final CrsTransform TO_2180 = CRS.fromLonLat(CRS.require("EPSG:2180"));
  final RoadReader reader = new RoadReader(CRS);

  @TempDir
  Path dir;

  RoadImport read(String json) {
    return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.geojson");
  }

  @Test
  void numbersAreNormalisedAndClassesFollowThem() {
    RoadImport r = read(RoadFiles.collection(null,
        RoadFiles.feature("{\"number\":\"DK 7\"}", RoadFiles.line(20.0, 50.0, 20.1, 50.0)),
        RoadFiles.feature("{\"numer\":\"dw-719\"}", RoadFiles.line(20.0, 51.0, 20.1, 51.0)),
        RoadFiles.feature("{\"ref\":\"S7\"}", RoadFiles.line(20.0, 52.0, 20.1, 52.0)),
        RoadFiles.feature("{\"nr\":44,\"klasa\":\"krajowa\"}", RoadFiles.line(19.0, 50.0, 19.1, 50.0)),
        RoadFiles.feature("{\"number\":\"780\",\"class\":\"voivodeship\"}", RoadFiles.line(19.0, 50.1, 19.1, 50.1))));
    assertEquals(List.of(), r.errors());
    assertEquals(List.of("DK7:national", "DW719:voivodeship", "S7:national", "DK44:national", "DW780:voivodeship"),
        r.roads().stream().map(x -> x.number() + ":" + x.roadClass().key()).toList());
  }

  @Test
  void everyBadFeatureIsNamedAndNothingIsDroppedSilently() {
    RoadImport r = read(RoadFiles.collection(null,
        RoadFiles.feature("{\"number\":\"DK7\"}", RoadFiles.line(20.0, 50.0, 20.1, 50.0)),
        RoadFiles.feature("{}", RoadFiles.line(20.0, 50.0, 20.1, 50.0)),
        RoadFiles.feature("{\"number\":\"A1\",\"class\":\"voivodeship\"}", RoadFiles.line(20.0, 50.0, 20.1, 50.0)),
        RoadFiles.feature("{\"number\":\"DK8\"}", RoadFiles.line(50.0, 20.0, 50.1, 20.0)),
        RoadFiles.feature("{\"number\":\"DK9\"}", "{\"type\":\"Point\",\"coordinates\":[20,50]}"),
        RoadFiles.feature("{\"number\":\"7\"}", RoadFiles.line(20.0, 50.0, 20.1, 50.0)),
        RoadFiles.feature("{\"number\":\"DK10\",\"class\":\"gminna\"}", RoadFiles.line(20.0, 50.0, 20.1, 50.0)),
        RoadFiles.feature("{\"number\":\"DK11\"}", RoadFiles.line(20.0, 50.0, 20.0, 50.0))));
    assertEquals(1, r.roads().size());
    assertEquals(7, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).startsWith("feature 1: no road number"), r.errors().get(0));
    assertTrue(r.errors().get(1).contains("class voivodeship contradicts road number A1"), r.errors().get(1));
    assertTrue(r.errors().get(2).contains("(DK8)") && r.errors().get(2).contains("outside Poland"), r.errors().get(2));
    assertTrue(r.errors().get(3).contains("a Point, not a LineString"), r.errors().get(3));
    assertTrue(r.errors().get(4).contains("a bare number needs class"), r.errors().get(4));
    assertTrue(r.errors().get(5).contains("class 'gminna'"), r.errors().get(5));
    assertTrue(r.errors().get(6).contains("no length"), r.errors().get(6));
    assertTrue(!r.ok());
  }

  @Test
  void pl1992FilesAreMovedToLonLatAndPiecesOfOneNumberJoined() {
    double[] a = TO_2180.apply(19.0, 52.0);
    double[] b = TO_2180.apply(19.2, 52.0);
    double[] c = TO_2180.apply(19.4, 52.1);
    RoadImport r = read(RoadFiles.collection("urn:ogc:def:crs:EPSG::2180",
        RoadFiles.feature("{\"number\":\"DK2\"}", RoadFiles.line(b[0], b[1], c[0], c[1])),
        RoadFiles.feature("{\"number\":\"DK2\"}", RoadFiles.line(a[0], a[1], b[0], b[1]))));
    assertEquals(List.of(), r.errors());
    Road road = r.roads().get(0);
    assertEquals(1, road.geometry().getNumGeometries(), "the two pieces meet: one course");
    LineString course = (LineString) road.geometry().getGeometryN(0);
    assertEquals(3, course.getNumPoints());
    for (Coordinate p : course.getCoordinates()) {
      assertTrue(p.distance(new Coordinate(19.0, 52.0)) < 1e-7 || p.distance(new Coordinate(19.2, 52.0)) < 1e-7
          || p.distance(new Coordinate(19.4, 52.1)) < 1e-7, p.toString());
    }
  }

  @Test
  void unreadableFilesAreOneClearError() {
    assertThrows(RoadFileException.class, () -> read("[1,2]"));
    assertThrows(RoadFileException.class, () -> read("{\"type\":\"Feature\"}"));
    RoadFileException crs = assertThrows(RoadFileException.class, () -> read(RoadFiles.collection("EPSG:31370")));
    assertTrue(crs.getMessage().contains("unsupported crs 'EPSG:31370'"), crs.getMessage());
    assertThrows(RoadFileException.class, () -> read("{\"type\":\"FeatureCollection\",\"features\":[{"));
  }

  @Test
  void aGeoPackageInPl1992IsReadLikeGeoJson() throws Exception {
    Path file = dir.resolve("roads.gpkg");
    GeometryFactory f = new GeometryFactory();
    double[] a = TO_2180.apply(19.0, 52.0);
    double[] b = TO_2180.apply(19.2, 52.0);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,"
          + " organization_coordsys_id INTEGER, definition TEXT)");
      s.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('ETRF2000-PL / CS92', 2180, 'EPSG', 2180, 'undefined')");
      s.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, srs_id INTEGER)");
      s.execute("INSERT INTO gpkg_contents VALUES ('drogi', 'features', 'drogi', 2180)");
      s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT,"
          + " srs_id INTEGER, z INTEGER, m INTEGER)");
      s.execute("INSERT INTO gpkg_geometry_columns VALUES ('drogi', 'geom', 'LINESTRING', 2180, 0, 0)");
      s.execute("CREATE TABLE drogi (fid INTEGER PRIMARY KEY, geom BLOB, NUMER TEXT, KLASA TEXT)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO drogi (geom, NUMER, KLASA) VALUES (?, ?, ?)")) {
        LineString l = f.createLineString(new Coordinate[] {new Coordinate(a[0], a[1]), new Coordinate(b[0], b[1])});
        ps.setBytes(1, gpkg(new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN).write(l), true));
        ps.setString(2, "719");
        ps.setString(3, "wojewódzka");
        ps.executeUpdate();
        ps.setBytes(1, new byte[] {1, 2, 3});
        ps.setString(2, "DW720");
        ps.setString(3, null);
        ps.executeUpdate();
      }
    }
    RoadImport r = reader.read(file);
    assertEquals(List.of("row 1 (DW720): geometry is not a GeoPackage binary (no 'GP' header)"), r.errors());
    Road road = r.roads().get(0);
    assertEquals("DW719", road.number());
    assertEquals(RoadClass.VOIVODESHIP, road.roadClass());
    assertEquals(19.0, road.geometry().getCoordinates()[0].x, 1e-7);
    assertEquals(52.0, road.geometry().getCoordinates()[0].y, 1e-7);
  }

  /** A GeoPackage blob: "GP", version 0, flags (little-endian, a 32-byte xy envelope), srs 2180, envelope, WKB. */
  static byte[] gpkg(byte[] wkb, boolean envelope) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + (envelope ? 32 : 0) + wkb.length)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) (1 | (envelope ? 2 : 0))).putInt(2180);
    if (envelope) {
      b.putDouble(0).putDouble(0).putDouble(0).putDouble(0);
    }
    b.put(wkb);
    return b.array();
  }
}
