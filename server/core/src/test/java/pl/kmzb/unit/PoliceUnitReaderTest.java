package pl.kmzb.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.geo.LonLat;

class PoliceUnitReaderTest {
  static final String HEADER = "code,name,type,lon,lat,areas\n";

  @TempDir
  Path dir;

  static PoliceUnitImport csv(String text) {
    return PoliceUnitReader.readCsv(text);
  }

  static void assertErrors(PoliceUnitImport imported, String... expectedPrefixesAndParts) {
    assertEquals(expectedPrefixesAndParts.length, imported.errors().size(), imported.errors().toString());
    for (int i = 0; i < expectedPrefixesAndParts.length; i++) {
      String[] parts = expectedPrefixesAndParts[i].split("\\|");
      String error = imported.errors().get(i);
      assertTrue(error.startsWith(parts[0]), error + " should start with " + parts[0]);
      for (int p = 1; p < parts.length; p++) {
        assertTrue(error.contains(parts[p]), error + " should contain " + parts[p]);
      }
    }
  }

  @Test
  void readsCsvWithQuotingBomAndSeparators() {
    PoliceUnitImport imported = PoliceUnitReader.readCsv(("\uFEFF" + "code,name,type,lon,lat,areas\r\n"
        + "KMP-1261,\"Komenda Miejska Policji w Krakowie, ul. \"\"Mogilska\"\"\",KMP,19.94,50.06,1261\r\n"
        + "KPP-1206,Komenda Powiatowa Policji w Krakowie,kpp,19.9,50.1,\"1206; 1209 \"\r\n"
        + "\r\n"
        + "KP-1206011,\"Komisariat\nw Skawinie\",KP,19.83,49.97,1206011 1206022\r\n")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), imported.errors());
    assertEquals(3, imported.units().size());
    PoliceUnit kmp = imported.units().get(0);
    assertEquals("KMP-1261", kmp.code());
    assertEquals("Komenda Miejska Policji w Krakowie, ul. \"Mogilska\"", kmp.name());
    assertEquals(UnitType.KMP, kmp.type());
    assertEquals(new LonLat(19.94, 50.06), kmp.location());
    assertEquals(Set.of("1206", "1209"), imported.units().get(1).areas());
    assertEquals(Set.of("1206011", "1206022"), imported.units().get(2).areas());
    assertEquals("Komisariat\nw Skawinie", imported.units().get(2).name());
  }

  @Test
  void columnsMayComeInAnyOrder() {
    PoliceUnitImport imported = csv("areas,lat,lon,type,name,code\n1261,50.06,19.94,KMP,KMP Kraków,KMP-1261\n");
    assertEquals(List.of(), imported.errors());
    assertEquals(new LonLat(19.94, 50.06), imported.units().get(0).location());
  }

  @Test
  void everyBadCsvRowIsReportedWithItsLine() {
    PoliceUnitImport imported = csv(HEADER
        + "KMP-1261,KMP Kraków,KMP,19.94,50.06,1261\n"        // line 2: good
        + "KPP 1206,KPP,KPP,19.9,50.1,1206\n"                  // 3: bad code
        + "KPP-1,,KPP,19.9,50.1,1206\n"                        // 4: empty name
        + "KPP-2,KPP,XYZ,19.9,50.1,1206\n"                     // 5: bad type
        + "KPP-3,KPP,KPP,abc,50.1,1206\n"                      // 6: bad lon
        + "KPP-4,KPP,KPP,19.9,95,1206\n"                       // 7: lat out of range
        + "KPP-5,KPP,KPP,19.9,50.1,12066\n"                    // 8: 5-digit TERYT
        + "KPP-6,KPP,KPP,19.9,50.1,1206019\n"                  // 9: municipality type 9
        + "KPP-7,KPP,KPP,19.9,50.1,\n"                         // 10: no areas
        + "KPP-8,KPP,KPP,19.9,50.1\n"                          // 11: too few fields
        + "KMP-1261,Again,KMP,19.94,50.06,1261\n"              // 12: duplicate of line 2
        + "KPP-9,\"KPP\"x,KPP,19.9,50.1,1206\n"                // 13: text after quote
        + "KPP-10,K\"PP,KPP,19.9,50.1,1206\n"                  // 14: quote in unquoted field
        + "KPP-11,KPP,KPP,19.9,50.1,1306\n"                    // 15: no such voivodeship
        + "KPP-12,KPP,XX,x,50.1,1\n");                         // 16: several problems, one line
    assertErrors(imported,
        "line 3: unit code 'KPP 1206'",
        "line 4: name is empty",
        "line 5: type 'XYZ' is not one of KWP, KMP, KPP, KP, PP",
        "line 6: lon 'abc' is not a number",
        "line 7: coordinates out of range",
        "line 8: '12066' is not a TERYT code",
        "line 9: '1206019' is not a TERYT code",
        "line 10: no areas",
        "line 11: 5 fields, but the header has 6",
        "line 12: code 'KMP-1261' is already used on line 2",
        "line 13: text after a closing quote",
        "line 14: a quote inside an unquoted field",
        "line 15: TERYT code '1306' does not start with a voivodeship code",
        "line 16: type 'XX'|lon 'x'|'1' is not a TERYT code");
    assertEquals(1, imported.units().size());
    assertTrue(!imported.ok());
  }

  @Test
  void lineNumbersCountLinesInsideQuotedFields() {
    PoliceUnitImport imported = csv(HEADER + "KP-1,\"two\nlines\",KP,19.9,50.1,1206\nKP-2,x,KP,19.9,50.1,99\n");
    assertErrors(imported, "line 4: TERYT code '99' does not start");
  }

  @Test
  void unclosedQuoteIsReportedWhereItOpens() {
    PoliceUnitImport imported = csv(HEADER + "KP-1,ok,KP,19.9,50.1,1206\nKP-2,\"never closed,KP,19.9,50.1,1206\n");
    assertErrors(imported, "line 3: a quoted field is never closed");
    assertEquals(1, imported.units().size());
  }

  @Test
  void badHeadersAreReported() {
    assertErrors(csv("code,name,kind,lon,lat,areas\n"), "line 1: unknown column(s) 'kind'", "line 1: missing column(s) type");
    assertErrors(csv("code,name,type,lon,lat,areas,code\n"), "line 1: column 'code' appears twice");
    assertErrors(csv(""), "the file is empty");
    assertErrors(csv("\n\n"), "the file is empty");
  }

  @Test
  void csvThatIsNotUtf8IsRejected() {
    byte[] latin2 = (HEADER + "KP-1,Komisariat w Łodzi,KP,19.4,51.7,1061\n").getBytes(java.nio.charset.Charset.forName("ISO-8859-2"));
    assertErrors(PoliceUnitReader.readCsv(latin2), "the file is not UTF-8");
  }

  static String feature(String code, String name, String type, String coordinates, String areas) {
    return "{\"type\":\"Feature\",\"geometry\":" + (coordinates == null ? "null"
        : "{\"type\":\"Point\",\"coordinates\":" + coordinates + "}") + ",\"properties\":{"
        + (code == null ? "" : "\"code\":" + code + ",") + "\"name\":" + name + ",\"type\":" + type
        + (areas == null ? "" : ",\"areas\":" + areas) + "}}";
  }

  static byte[] collection(String... features) {
    return ("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsGeoJson() {
    PoliceUnitImport imported = PoliceUnitReader.readGeoJson(collection(
        feature("\"KWP-12\"", "\"Komenda Wojewódzka Policji w Krakowie\"", "\"KWP\"", "[19.95, 50.07]", "[\"12\"]"),
        feature("\"PP-1206022\"", "\"Posterunek\"", "\"PP\"", "[19.8, 50.0]", "\"1206022;1206033\"")));
    assertEquals(List.of(), imported.errors());
    assertEquals(Set.of("12"), imported.units().get(0).areas());
    assertEquals(new LonLat(19.95, 50.07), imported.units().get(0).location());
    assertEquals(Set.of("1206022", "1206033"), imported.units().get(1).areas());
    assertEquals(UnitType.PP, imported.units().get(1).type());
  }

  @Test
  void everyBadFeatureIsReportedWithItsIndex() {
    PoliceUnitImport imported = PoliceUnitReader.readGeoJson(collection(
        feature("\"KWP-12\"", "\"KWP\"", "\"KWP\"", "[19.95, 50.07]", "[\"12\"]"),   // 0: good
        feature(null, "\"x\"", "\"KP\"", "[19.9, 50.0]", "[\"1206\"]"),                // 1: no code
        feature("\"KP-1\"", "\"x\"", "\"KP\"", null, "[\"1206\"]"),                    // 2: no geometry
        feature("\"KP-2\"", "\"x\"", "\"KP\"", "[19.9]", "[\"1206\"]"),                // 3: short point
        feature("\"KP-3\"", "\"x\"", "\"KP\"", "[19.9, 50.0]", "[1206]"),              // 4: numeric area
        feature("\"KP-4\"", "\"x\"", "\"KP\"", "[19.9, 50.0]", null),                  // 5: no areas
        feature("\"KWP-12\"", "\"x\"", "\"KWP\"", "[19.9, 50.0]", "[\"12\"]"),         // 6: duplicate
        "{\"type\":\"Polygon\"}",                                                    // 7: not a feature
        feature("\"KP-5\"", "\"x\"", "\"Komisariat\"", "[200, 50.0]", "[\"1206\"]"),   // 8: type, range
        feature("\"KP-6\"", "42", "\"KP\"", "[19.9, 50.0]", "[\"0106\"]")));          // 9: name not text, bad area
    assertErrors(imported,
        "feature 1: property 'code' must be a string and is missing",
        "feature 2: geometry must be a Point",
        "feature 3: geometry must be a Point",
        "feature 4: areas must be strings",
        "feature 5: property 'areas' is missing",
        "feature 6: code 'KWP-12' is already used on feature 0",
        "feature 7: not a GeoJSON Feature",
        "feature 8: type 'Komisariat'|coordinates out of range",
        "feature 9: property 'name' must be a string|'0106' does not start");
    assertEquals(1, imported.units().size());
  }

  @Test
  void badGeoJsonDocumentsAreReported() {
    assertErrors(PoliceUnitReader.readGeoJson("{\"type\":".getBytes(StandardCharsets.UTF_8)), "not valid JSON");
    assertErrors(PoliceUnitReader.readGeoJson("{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8)),
        "expected a GeoJSON FeatureCollection");
    assertErrors(PoliceUnitReader.readGeoJson(("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
        + "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2180\"}},\"features\":[]}").getBytes(StandardCharsets.UTF_8)),
        "coordinates must be longitude/latitude");
  }

  @Test
  void readPicksTheFormatByExtensionOrContent() throws Exception {
    Path csv = Files.writeString(dir.resolve("units.csv"), HEADER + "KMP-1261,KMP,KMP,19.94,50.06,1261\n");
    Path geojson = Files.write(dir.resolve("units.geojson"), collection(
        feature("\"KWP-12\"", "\"KWP\"", "\"KWP\"", "[19.95, 50.07]", "[\"12\"]")));
    Path unnamed = Files.write(dir.resolve("units.txt"), collection(
        feature("\"KWP-12\"", "\"KWP\"", "\"KWP\"", "[19.95, 50.07]", "[\"12\"]")));
    assertEquals("KMP-1261", PoliceUnitReader.read(csv).units().get(0).code());
    assertEquals("KWP-12", PoliceUnitReader.read(geojson).units().get(0).code());
    assertEquals("KWP-12", PoliceUnitReader.read(unnamed).units().get(0).code());
  }
}
