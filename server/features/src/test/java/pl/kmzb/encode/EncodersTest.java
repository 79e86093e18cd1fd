package pl.kmzb.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;
import pl.kmzb.visibility.PublicReport;

class EncodersTest {
  static final PublicReport SHOWN = new PublicReport(42, "illegal_parking", Status.CONFIRMED,
      Instant.parse("2025-05-04T10:15:30Z"), LocalDate.of(2025, 5, 3), TimeOfDay.EVENING, new LonLat(19.9383, 50.0614),
      200, Teryt.ofMunicipality("1261011"), "Auto, \"na\" chodniku\nprzy Rynku");
  static final Report POLICE = new Report(7, "speeding", Status.NEW, new LonLat(21.0122, 52.2297),
      Instant.parse("2025-05-04T10:15:30Z"), null, null, "opis", false, Source.CITIZEN,
      Teryt.ofMunicipality("1465011"), "ext-1", false, "192.0.2.1", false, Instant.parse("2025-05-04T10:15:30Z"), 1);

  static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void geoJsonCarriesCoordinatesInTheOrderAskedAndEveryProperty() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GeoJsonWriter w = new GeoJsonWriter(out, FeatureView.PUBLIC, Coordinates.lonLat("CRS84", false))) {
      w.beginCollection();
      w.feature(FeatureRow.ofPublic(SHOWN));
      w.endCollection(5L, 1, "2025-05-05T00:00:00Z", List.of(new Link("http://x/next", "next", "application/geo+json")));
    }
    JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
    JsonNode f = doc.get("features").get(0);
    assertEquals(19.9383, f.at("/geometry/coordinates/0").asDouble());
    assertEquals(50.0614, f.at("/geometry/coordinates/1").asDouble());
    assertEquals("illegal_parking", f.at("/properties/category").asText());
    assertEquals(200, f.at("/properties/generalisedToMetres").asInt());
    assertEquals("1261011", f.at("/properties/municipality").asText());
    assertEquals(5, doc.get("numberMatched").asInt());
    assertEquals("next", doc.at("/links/0/rel").asText());
    assertTrue(f.get("properties").get("source") == null, "the public view has no source");

    out.reset();
    try (GeoJsonWriter w = new GeoJsonWriter(out, FeatureView.PUBLIC, Coordinates.lonLat("EPSG:4326", true))) {
      w.feature(FeatureRow.ofPublic(SHOWN), List.of());
    }
    f = new ObjectMapper().readTree(out.toByteArray());
    assertEquals(50.0614, f.at("/geometry/coordinates/0").asDouble(), "EPSG:4326 is latitude first");
  }

  @Test
  void csvQuotesFieldsAndNamesItsAxes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter w = new CsvWriter(out, FeatureView.POLICE, Coordinates.lonLat("CRS84", false))) {
      w.header("lon", "lat");
      w.feature(FeatureRow.ofPolice(POLICE, Instant.parse("2025-06-01T00:00:00Z")));
    }
    String[] lines = text(out).split("\r\n");
    assertTrue(lines[0].startsWith("id,lon,lat,category,status,reportedAt"), lines[0]);
    assertTrue(lines[1].startsWith("7,21.0122,52.2297,speeding,new,2025-05-04T10:15:30Z,,,opis,false,citizen,14,1465,1465011,ext-1,"),
        lines[1]);
    out.reset();
    try (CsvWriter w = new CsvWriter(out, FeatureView.PUBLIC, Coordinates.lonLat("CRS84", false))) {
      w.feature(FeatureRow.ofPublic(SHOWN));
    }
    assertTrue(text(out).contains(",\"Auto, \"\"na\"\" chodniku\nprzy Rynku\"\r\n"), text(out));
  }

  @Test
  void gmlWritesPositionsInTheAxisOrderOfItsSrsName() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GmlWriter w = new GmlWriter(out, FeatureView.PUBLIC, Coordinates.lonLat("urn:ogc:def:crs:EPSG::4326", true),
        "kmzb", "http://kmzb.pl/features")) {
      w.beginCollection(new GmlWriter.Collection(null, 1, "2025-05-05T00:00:00Z", null, null, "a b"));
      w.member("reports", FeatureRow.ofPublic(SHOWN));
      w.endCollection();
    }
    String xml = text(out);
    assertTrue(xml.contains("<gml:pos>50.0614 19.9383</gml:pos>"), xml);
    assertTrue(xml.contains("numberMatched=\"unknown\""), xml);
    assertTrue(xml.contains("gml:id=\"reports.42\""), xml);
  }

  /** Not a timing assertion: prints the encoders' rate for docs/notes/ogc-features.md. */
  @Test
  void throughput() throws Exception {
    int n = 1_000_000;
    FeatureRow row = FeatureRow.ofPublic(SHOWN);
    for (String format : List.of("geojson", "gml", "geojson", "gml", "csv")) {
      long t0 = System.nanoTime();
      try (OutputStream sink = OutputStream.nullOutputStream()) {
        Coordinates c = Coordinates.lonLat("urn:ogc:def:crs:EPSG::4326", true);
        if (format.equals("geojson")) {
          try (GeoJsonWriter w = new GeoJsonWriter(new java.io.BufferedOutputStream(sink, 1 << 16), FeatureView.PUBLIC, c)) {
            w.beginCollection();
            for (int i = 0; i < n; i++) {
              w.feature(row);
            }
            w.endCollection(null, n, "x", List.of());
          }
        } else if (format.equals("gml")) {
          try (GmlWriter w = new GmlWriter(new java.io.BufferedOutputStream(sink, 1 << 16), FeatureView.PUBLIC, c, "kmzb",
              "http://kmzb.pl/features")) {
            w.beginCollection(new GmlWriter.Collection(null, n, "x", null, null, "a b"));
            for (int i = 0; i < n; i++) {
              w.member("reports", row);
            }
            w.endCollection();
          }
        } else {
          try (CsvWriter w = new CsvWriter(sink, FeatureView.PUBLIC, c)) {
            for (int i = 0; i < n; i++) {
              w.feature(row);
            }
          }
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("encoder %s: %,.0f features/s%n", format, n / s);
    }
  }
}
