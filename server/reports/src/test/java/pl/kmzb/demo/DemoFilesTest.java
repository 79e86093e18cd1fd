package pl.kmzb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.report.NewReport;

class DemoFilesTest {
  static final int COUNT = 2_000;

  @TempDir
  Path dir;

  @Test
  void csvHasTheHeaderOneRowPerReportAndTheSameValues() throws IOException {
    DemoGenerator g = new DemoGenerator(DemoGeneratorTest.CATALOG, 3, DemoGeneratorTest.NOW);
    Path file = dir.resolve("demo.csv");
    DemoFiles.writeCsv(file, g, COUNT);

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith(DemoFiles.CSV_HEADER + "\r\n"));
    assertTrue(text.contains(",\"" + DemoGenerator.DESCRIPTION + "\","), "description is quoted");
    List<List<String>> rows = parseCsv(text);
    assertEquals(COUNT + 1, rows.size());
    assertEquals(List.of(DemoFiles.CSV_HEADER.split(",")), rows.get(0));

    List<NewReport> reports = new ArrayList<>();
    g.generate(COUNT, reports::add);
    for (int i = 0; i < COUNT; i++) {
      NewReport r = reports.get(i);
      List<String> row = rows.get(i + 1);
      assertEquals(10, row.size());
      assertEquals(r.externalId(), row.get(0));
      assertEquals(r.category(), row.get(1));
      assertEquals(r.status().code(), row.get(2));
      assertEquals(r.location().lon(), Double.parseDouble(row.get(3)), 0.0);
      assertEquals(r.location().lat(), Double.parseDouble(row.get(4)), 0.0);
      assertTrue(row.get(3).matches("\\d+\\.\\d{6}"), row.get(3));
      assertTrue(row.get(4).matches("\\d+\\.\\d{6}"), row.get(4));
      assertEquals(r.reportedAt().toString(), row.get(5));
      assertTrue(row.get(5).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), row.get(5));
      assertEquals(r.occurredOn() == null ? "" : r.occurredOn().toString(), row.get(6));
      assertEquals(r.timeOfDay() == null ? "" : r.timeOfDay().code(), row.get(7));
      assertEquals(DemoGenerator.DESCRIPTION, row.get(8));
      assertEquals(r.source().code(), row.get(9));
    }
  }

  @Test
  void geoJsonIsAFeatureCollectionOfPointsWithTheSameProperties() throws IOException {
    DemoGenerator g = new DemoGenerator(DemoGeneratorTest.CATALOG, 3, DemoGeneratorTest.NOW);
    Path file = dir.resolve("demo.geojson");
    DemoFiles.writeGeoJson(file, g, COUNT);

    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertEquals("FeatureCollection", root.get("type").asText());
    JsonNode features = root.get("features");
    assertEquals(COUNT, features.size());
    List<NewReport> reports = new ArrayList<>();
    g.generate(COUNT, reports::add);
    for (int i = 0; i < COUNT; i++) {
      NewReport r = reports.get(i);
      JsonNode f = features.get(i);
      assertEquals("Feature", f.get("type").asText());
      assertEquals(r.externalId(), f.get("id").asText());
      assertEquals("Point", f.get("geometry").get("type").asText());
      JsonNode xy = f.get("geometry").get("coordinates");
      assertEquals(2, xy.size());
      assertEquals(r.location().lon(), xy.get(0).asDouble(), 0.0);
      assertEquals(r.location().lat(), xy.get(1).asDouble(), 0.0);
      JsonNode p = f.get("properties");
      assertEquals(r.externalId(), p.get("external_id").asText());
      assertEquals(r.category(), p.get("category").asText());
      assertEquals(r.status().code(), p.get("status").asText());
      assertEquals(r.reportedAt().toString(), p.get("reported_at").asText());
      assertEquals(r.occurredOn() == null ? null : r.occurredOn().toString(), p.get("occurred_on").textValue());
      assertEquals(r.timeOfDay() == null ? null : r.timeOfDay().code(), p.get("time_of_day").textValue());
      assertEquals(DemoGenerator.DESCRIPTION, p.get("description").asText());
      assertEquals(r.source().code(), p.get("source").asText());
    }
    // One feature per line keeps multi-million-feature files usable with line tools.
    assertEquals(COUNT + 2, Files.readAllLines(file).size());
  }

  @Test
  void emptySetsAreValidFiles() throws IOException {
    DemoGenerator g = new DemoGenerator(DemoGeneratorTest.CATALOG, 3, DemoGeneratorTest.NOW);
    DemoFiles.writeCsv(dir.resolve("empty.csv"), g, 0);
    DemoFiles.writeGeoJson(dir.resolve("empty.geojson"), g, 0);
    assertEquals(DemoFiles.CSV_HEADER + "\r\n", Files.readString(dir.resolve("empty.csv")));
    JsonNode root = new ObjectMapper().readTree(dir.resolve("empty.geojson").toFile());
    assertEquals(0, root.get("features").size());
  }

  @Test
  void fieldsAreQuotedOnlyWhenRfc4180NeedsIt() {
    assertEquals("plain", field("plain"));
    assertEquals("\"a,b\"", field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", field("say \"hi\""));
    assertEquals("\"two\r\nlines\"", field("two\r\nlines"));
    assertEquals("", field(null));
  }

  @Test
  void coordinatesHaveExactlySixDecimals() {
    assertEquals("21.012200", fixed6(21.0122));
    assertEquals("0.000000", fixed6(0));
    assertEquals("0.000005", fixed6(0.000005));
    assertEquals("54.012345", fixed6(54.0123449999));
    assertEquals("-0.100000", fixed6(-0.1));
    assertEquals("180.000000", fixed6(180));
  }

  @Test
  void instantsAreWrittenAsInstantToStringDoes() {
    for (String t : new String[] {"2016-10-05T00:00:00Z", "2019-12-31T23:59:59Z", "2024-02-29T07:05:09Z",
        "2025-06-01T12:00:00.250Z", "1969-12-31T23:59:59Z"}) {
      Instant instant = Instant.parse(t);
      StringBuilder sb = new StringBuilder();
      DemoFiles.appendInstant(sb, instant);
      assertEquals(instant.toString(), sb.toString());
    }
  }

  private static String field(String value) {
    StringBuilder sb = new StringBuilder();
    DemoFiles.appendCsvField(sb, value);
    return sb.toString();
  }

  private static String fixed6(double value) {
    StringBuilder sb = new StringBuilder();
    DemoFiles.appendFixed6(sb, value);
    return sb.toString();
  }

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && field.length() == 0) {
        i++;
        while (true) {
          char q = text.charAt(i++);
          if (q == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(q);
          }
        }
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        if (c == '"' || c == '\n' || c == '\r') {
          throw new IllegalArgumentException("bare " + (int) c + " at " + i);
        }
        field.append(c);
        i++;
      }
    }
    if (!row.isEmpty() || field.length() > 0) {
      throw new IllegalArgumentException("last record not ended by CRLF");
    }
    return rows;
  }
}
