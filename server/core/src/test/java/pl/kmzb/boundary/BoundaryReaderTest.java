package pl.kmzb.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pl.kmzb.boundary.BoundaryLevel.COUNTY;
import static pl.kmzb.boundary.BoundaryLevel.MUNICIPALITY;
import static pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.proj4j.ProjCoordinate;

class BoundaryReaderTest {
  @TempDir Path dir;

  private static BoundaryImport read(BoundaryReader reader, GeoJsonFixture fixture) {
    return reader.readGeoJson(new ByteArrayInputStream(fixture.json().getBytes(StandardCharsets.UTF_8)),
        "fixture.geojson");
  }

  private static Map<String, Boundary> byCode(BoundaryImport result) {
    return result.boundaries().stream().collect(Collectors.toMap(Boundary::code, Function.identity()));
  }

  @Test
  void readsAGeoJsonFileWithPrgAttributes() {
    Path file = new GeoJsonFixture()
        .boundaries(TestCountry.municipalities(), "JPT_KOD_JE", "JPT_NAZWA_", g -> g)
        .write(dir.resolve("gminy.geojson"));
    BoundaryImport result = new BoundaryReader(MUNICIPALITY).read(file);
    assertTrue(result.ok(), result.errors().toString());
    assertEquals(MUNICIPALITY, result.level());
    assertEquals(0, result.repaired());
    assertEquals("7 municipality boundaries loaded, 0 repaired, 0 rejected", result.summary());
    Map<String, Boundary> read = byCode(result);
    for (Boundary expected : TestCountry.municipalities()) {
      Boundary actual = read.get(expected.code());
      assertEquals(expected.name(), actual.name());
      assertTrue(expected.geometry().equalsExact(actual.geometry()), expected.code());
      assertEquals(4326, actual.geometry().getSRID());
    }
    // Read boundaries index the same way as the fixture they came from.
    assertEquals(BoundaryIndex.of(TestCountry.municipalities()).assign(19.4, 50.25),
        BoundaryIndex.of(result.boundaries()).assign(19.4, 50.25));
  }

  @Test
  void mapsOtherAttributeNames() {
    GeoJsonFixture fixture = new GeoJsonFixture()
        .boundaries(TestCountry.counties(), "kod", "nazwa", g -> g);
    BoundaryImport prg = read(new BoundaryReader(COUNTY), fixture);
    assertEquals(0, prg.boundaries().size());
    assertEquals(5, prg.errors().size());
    assertEquals("feature 0: no code in property 'JPT_KOD_JE'; no name in property 'JPT_NAZWA_'",
        prg.errors().get(0));
    BoundaryImport mapped = read(new BoundaryReader(COUNTY, new AttributeMapping("kod", "nazwa")),
        fixture);
    assertTrue(mapped.ok(), mapped.errors().toString());
    assertEquals("powiat bocheński", byCode(mapped).get("1201").name());
    assertThrows(IllegalArgumentException.class, () -> new AttributeMapping("", "nazwa"));
  }

  @Test
  void normalisesPaddedNumericAndCadastralCodes() {
    var square = TestCountry.box(19, 50, 19.1, 50.1);
    BoundaryImport voivodeships = read(new BoundaryReader(VOIVODESHIP), new GeoJsonFixture()
        .feature(Map.of("JPT_KOD_JE", 2, "JPT_NAZWA_", "dolnośląskie"), square)
        .feature(Map.of("JPT_KOD_JE", " 12\t", "JPT_NAZWA_", " małopolskie "), square)
        .feature(Map.of("JPT_KOD_JE", 14.0, "JPT_NAZWA_", "mazowieckie"), square)
        .feature(Map.of("JPT_KOD_JE", 16.5, "JPT_NAZWA_", "opolskie"), square));
    assertEquals(List.of("12", "14"),
        voivodeships.boundaries().stream().map(Boundary::code).toList());
    assertEquals("małopolskie", voivodeships.boundaries().get(0).name());
    assertEquals(List.of("feature 0: code in 'JPT_KOD_JE' is the number 2; numbers lose leading zeros,"
        + " store TERYT codes as text (was it '02'?)",
        "feature 3: code in 'JPT_KOD_JE' is 16.5, not text"), voivodeships.errors());
    BoundaryImport municipality = read(new BoundaryReader(MUNICIPALITY), new GeoJsonFixture()
        .feature(Map.of("JPT_KOD_JE", "126101_1", "JPT_NAZWA_", "Kraków"), square));
    assertEquals("1261011", municipality.boundaries().get(0).code());
  }

  @Test
  void reprojectsLegacyEpsg2180Files() {
    // The fixture's own projection, checked against PROJ (gdaltransform) so it is not circular.
    ProjCoordinate onCentralMeridian = Epsg2180.project(19, 50);
    assertEquals(500_000, onCentralMeridian.x, 0.01);
    assertEquals(236_968.45, onCentralMeridian.y, 0.05);
    ProjCoordinate east = Epsg2180.project(21, 52);
    assertEquals(637_253.16, east.x, 0.05);
    assertEquals(461_197.24, east.y, 0.05);

    List<String> crsForms = List.of(
        "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2180\"}}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:2180\"}}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"http://www.opengis.net/def/crs/EPSG/0/2180\"}}",
        "{\"type\":\"EPSG\",\"properties\":{\"code\":2180}}");
    for (String crs : crsForms) {
      GeoJsonFixture fixture = new GeoJsonFixture().crsJson(crs)
          .boundaries(TestCountry.all().stream().filter(b -> b.level() == COUNTY).toList(),
              "JPT_KOD_JE", "JPT_NAZWA_", Epsg2180::project);
      assertTrue(fixture.json().contains("236968.4"), "fixture really is in metres");
      BoundaryImport result = read(new BoundaryReader(COUNTY), fixture);
      assertTrue(result.ok(), crs + ": " + result.errors());
      Map<String, Boundary> read = byCode(result);
      for (Boundary expected : TestCountry.counties()) {
        Shapes.assertSameWithin(expected.geometry(), read.get(expected.code()).geometry(), 1.0);
      }
    }
  }

  @Test
  void acceptsLonLatCrsNames() {
    for (String name : List.of("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326")) {
      BoundaryImport result = read(new BoundaryReader(VOIVODESHIP), new GeoJsonFixture().crs(name)
          .boundaries(TestCountry.voivodeships(), "JPT_KOD_JE", "JPT_NAZWA_", g -> g));
      assertTrue(result.ok(), name + ": " + result.errors());
      assertTrue(TestCountry.voivodeships().get(0).geometry()
          .equalsExact(byCode(result).get("12").geometry()), name);
    }
  }

  @Test
  void repairsASelfIntersectingBowTie() {
    BoundaryImport result = read(new BoundaryReader(COUNTY), new GeoJsonFixture()
        .feature(Map.of("JPT_KOD_JE", "1206", "JPT_NAZWA_", "bow tie"),
            TestCountry.wkt("POLYGON ((19 50, 20 51, 20 50, 19 51, 19 50))"))
        .feature(Map.of("JPT_KOD_JE", "1261", "JPT_NAZWA_", "valid"), TestCountry.HOLE));
    assertTrue(result.ok(), result.errors().toString());
    assertEquals(1, result.repaired());
    assertEquals("2 county boundaries loaded, 1 repaired, 0 rejected", result.summary());
    var fixed = byCode(result).get("1206").geometry();
    assertTrue(fixed.isValid());
    assertTrue(fixed instanceof MultiPolygon, fixed.getGeometryType());
    assertEquals(2, fixed.getNumGeometries());
    assertEquals(0.5, fixed.getArea(), 1e-12);
  }

  @Test
  void reportsEveryKindOfFeatureErrorWithItsIndex() {
    var square = TestCountry.box(19, 50, 19.1, 50.1);
    GeoJsonFixture fixture = new GeoJsonFixture()
        .feature(props("1261011", "Kraków"), TestCountry.HOLE)
        .feature(Map.of("JPT_NAZWA_", "no code"), square)
        .feature(props("12610", "Short"), square)
        .feature(props("12a1011", "Letters"), square)
        .feature(props("1465018", "Warsaw district"), square)
        .feature(props("1261011", "Kraków again"), square)
        .feature(props("1206042", "Point"), TestCountry.wkt("POINT (19 50)"))
        .feature(props("1206052", "No geometry"), null)
        .feature(props("1206062", "Empty"), TestCountry.wkt("POLYGON EMPTY"))
        .feature(props("1206072", "Collapsed"), TestCountry.wkt("POLYGON ((19 50, 19.5 50, 20 50, 19 50))"))
        .rawFeature("{\"type\":\"Feature\",\"properties\":{\"JPT_KOD_JE\":\"1206082\",\"JPT_NAZWA_\":\"Open\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[19,50],[20,50],[20,51],[19,51]]]}}")
        .feature(props("1206092", "Projected"), TestCountry.box(500_000, 250_000, 501_000, 251_000))
        .feature(Map.of("JPT_KOD_JE", "1206102", "JPT_NAZWA_", " "), square)
        .rawFeature("{\"type\":\"Banana\",\"properties\":{\"JPT_KOD_JE\":\"1206112\",\"JPT_NAZWA_\":\"x\"}}")
        .feature(props("1206122", "Line"), TestCountry.wkt("LINESTRING (19 50, 20 51)"))
        .rawFeature("{\"type\":\"Feature\",\"properties\":{\"JPT_KOD_JE\":\"1206132\",\"JPT_NAZWA_\":\"Text\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\"19\",50],[20,50],[20,51],[19,50]]]}}")
        .feature(Map.of("JPT_KOD_JE", List.of(1), "JPT_NAZWA_", "Array code"), square)
        .feature(props("1206012", "Zielonki"), TestCountry.withHole(19, 50, 19.7, 50.5));
    BoundaryImport result = read(new BoundaryReader(MUNICIPALITY), fixture);

    assertEquals(List.of("1261011", "1206012"),
        result.boundaries().stream().map(Boundary::code).toList());
    List<String> expected = List.of(
        "feature 1: no code in property 'JPT_KOD_JE'",
        "feature 2: code in 'JPT_KOD_JE' '12610' is not a municipality TERYT code",
        "feature 3: code in 'JPT_KOD_JE' '12a1011' is not a municipality TERYT code",
        "feature 4: code in 'JPT_KOD_JE' '1465018' is not a municipality TERYT code",
        "feature 5 (1261011): duplicate code 1261011, already at feature 0",
        "feature 6 (1206042): geometry is a Point, not a Polygon or MultiPolygon",
        "feature 7 (1206052): no geometry",
        "feature 8 (1206062): empty geometry",
        "feature 9 (1206072): geometry is empty after repair",
        "feature 10 (1206082): bad ring: ",
        "feature 11 (1206092): coordinate (500000.0, 250000.0) is outside longitude/latitude range;"
            + " a projected file (EPSG:2180) needs a crs member",
        "feature 12 (1206102): no name in property 'JPT_NAZWA_'",
        "feature 13 (1206112): not a GeoJSON Feature",
        "feature 14 (1206122): geometry is a LineString, not a Polygon or MultiPolygon",
        "feature 15 (1206132): position [\"19\",50] is not [x, y]",
        "feature 16: code in 'JPT_KOD_JE' is [1], not text");
    assertEquals(expected.size(), result.errors().size(), String.join("\n", result.errors()));
    for (int i = 0; i < expected.size(); i++) {
      String error = result.errors().get(i);
      assertTrue(error.startsWith(expected.get(i)), "expected '" + expected.get(i) + "…', got '"
          + error + "'");
    }
    assertEquals(0, result.repaired(), "a repair that left nothing is an error, not a repair");
    assertEquals("2 municipality boundaries loaded, 0 repaired, 16 rejected", result.summary());
  }

  @Test
  void rejectsFilesThatAreNotUsableAtAll() {
    BoundaryReader reader = new BoundaryReader(COUNTY);
    assertMessage(reader, "{\"type\":\"Feature\",\"geometry\":null}", "expected a FeatureCollection");
    assertMessage(reader, "{\"type\":\"FeatureCollection\"}", "without features");
    assertMessage(reader, "[1, 2]", "not a GeoJSON object");
    assertMessage(reader, "{\"type\":\"FeatureCollection\",\"features\":[", "not valid JSON");
    assertMessage(reader, "{\"type\":\"FeatureCollection\",\"features\":[],"
        + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::999999\"}}}",
        "not known to proj4j");
    assertMessage(reader, "{\"type\":\"FeatureCollection\",\"features\":[],"
        + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"PL-1992\"}}}", "unsupported crs 'PL-1992'");
    BoundaryFileException missing = assertThrows(BoundaryFileException.class,
        () -> reader.read(dir.resolve("absent.geojson")));
    assertTrue(missing.getMessage().contains("absent.geojson: no such file"), missing.getMessage());
  }

  @Test
  void findsTheCrsWhereverItIsInTheFile() {
    // RFC 7946 does not order members; a crs after the features must still apply to them.
    String json = new GeoJsonFixture()
        .boundaries(TestCountry.voivodeships(), "JPT_KOD_JE", "JPT_NAZWA_", Epsg2180::project).json();
    String crsLast = json.substring(0, json.length() - 1)
        + ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:2180\"}}}";
    BoundaryImport result = new BoundaryReader(VOIVODESHIP).readGeoJson(
        new ByteArrayInputStream(crsLast.getBytes(StandardCharsets.UTF_8)), "crs-last.geojson");
    assertTrue(result.ok(), result.errors().toString());
    Shapes.assertSameWithin(TestCountry.voivodeships().get(1).geometry(),
        byCode(result).get("14").geometry(), 1.0);
  }

  private static Map<String, Object> props(String code, String name) {
    Map<String, Object> props = new HashMap<>();
    props.put("JPT_KOD_JE", code);
    props.put("JPT_NAZWA_", name);
    return props;
  }

  private void assertMessage(BoundaryReader reader, String json, String fragment) {
    BoundaryFileException e = assertThrows(BoundaryFileException.class, () -> reader.readGeoJson(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.geojson"));
    assertTrue(e.getMessage().startsWith("bad.geojson: "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
