package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.store.ImportResult;
import pl.kmzb.store.ReportStore;

/**
 * Police-system files through the importer into each store: all or nothing by default, or good rows
 * stored and bad ones written to a rejects file; idempotent, with TERYT codes.
 */
abstract class ReportFileImporterContract {
  static final String HEADER = "external_id,category,status,lon,lat,reported_at,occurred_on,time_of_day,description,source\n";
  @TempDir
  Path dir;
  ReportStore store;
  ByteArrayOutputStream progress = new ByteArrayOutputStream();
  ReportFileImporter importer;

  abstract ReportStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    // Two counties loaded (no voivodeships, so Natural Earth still says where Poland is): west of
    // 20°E around Kraków is county 1261, east of it 1206.
    BoundaryIndex counties = BoundaryIndex.of(List.of(county("1261", 19, 20), county("1206", 20, 21)));
    importer = new ReportFileImporter(CategoryCatalog.load(null), new Territory(NationalOutline.poland(), () -> counties),
        new PrintStream(progress, true));
  }

  static Boundary county(String code, double minLon, double maxLon) {
    return new Boundary(BoundaryLevel.COUNTY, code, "powiat " + code, new GeometryFactory().toGeometry(
        new org.locationtech.jts.geom.Envelope(minLon, maxLon, 49.8, 50.3)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  Path file(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  List<Report> all() {
    List<Report> out = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, out::add);
    return out;
  }

  @Test
  void csvRowsAreStoredAsPoliceSystemReportsWithAreas() throws Exception {
    Path f = file("swd.csv", HEADER
        + "SWD-1,speeding,confirmed,19.94,50.06,2024-05-01T10:00:00Z,2024-04-30,evening,\"Pomiar: 92 km/h, \"\"teren zabudowany\"\"\",citizen\n"
        + "SWD-2,illegal_parking,new,20.10,50.05,2024-05-02,,,,\n");
    ReportFileImporter.Result r = importer.run(store, f, "import:swd.csv");
    assertEquals(2, r.stored().inserted());
    List<Report> all = all();
    assertEquals(Source.POLICE_SYSTEM, all.get(0).source(), "the file's source column is ignored");
    assertEquals(Status.CONFIRMED, all.get(0).status());
    assertEquals("Pomiar: 92 km/h, \"teren zabudowany\"", all.get(0).description());
    assertEquals("1261", all.get(0).teryt().county());
    assertEquals("1206", all.get(1).teryt().county());
    assertEquals(java.time.Instant.parse("2024-05-01T22:00:00Z"), all.get(1).reportedAt(), "a date is midnight in Warsaw");
    assertEquals(1, store.history(all.get(0).id()).size());
    assertEquals(0, importer.run(store, f, "import:swd.csv").stored().inserted(), "re-running changes nothing");
    assertEquals(2, all().size());
  }

  @Test
  void oneBadRowStoresNothingAndEveryBadRowIsNamed() throws Exception {
    Path f = file("bad.csv", HEADER
        + "SWD-1,speeding,confirmed,19.94,50.06,2024-05-01T10:00:00Z,,,,\n"
        + "SWD-2,ufo,confirmed,19.94,50.06,2024-05-01T10:00:00Z,,,,\n"
        + "SWD-3,speeding,approved,13.40,52.52,yesterday,,,,\n"
        + ",speeding,new,19.94,50.06,2024-05-01,,noon,,\n"
        + "SWD-1,speeding,new,19.94,50.06,2024-05-01,,,,\n"
        + "SWD-6,dangerous_entertainment_venue,new,19.94,50.06,2024-05-01,,,,\n");
    ReportFileImporter.ImportFileException e = assertThrows(ReportFileImporter.ImportFileException.class,
        () -> importer.run(store, f, "import"));
    List<String> errors = e.errors();
    assertEquals(5, errors.size(), String.join("\n", errors));
    assertTrue(errors.get(0).startsWith("line 3: unknown category 'ufo'"), errors.get(0));
    assertTrue(errors.get(1).startsWith("line 4:") && errors.get(1).contains("status")
        && errors.get(1).contains("not in Poland") && errors.get(1).contains("reported_at"), errors.get(1));
    assertTrue(errors.get(2).startsWith("line 5:") && errors.get(2).contains("external_id is required")
        && errors.get(2).contains("time_of_day"), errors.get(2));
    assertTrue(errors.get(3).startsWith("line 6: external_id 'SWD-1' appears twice"), errors.get(3));
    assertTrue(errors.get(4).startsWith("line 7: category 'dangerous_entertainment_venue' requires a description"));
    assertEquals(0, all().size());
    assertEquals(0, store.lastChangeSeq());
  }

  @Test
  void geoJsonFeaturesImportToo() throws Exception {
    Path f = file("swd.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[18.6466,54.352]},"
        + "\"properties\":{\"external_id\":\"G-1\",\"category\":\"public_drinking\",\"status\":\"verification\","
        + "\"reported_at\":\"2025-07-01T20:00:00Z\"}},"
        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.5]},"
        + "\"properties\":{\"external_id\":\"G-2\",\"category\":\"public_drinking\",\"status\":\"new\","
        + "\"reported_at\":\"2025-07-01T20:00:00Z\"}}]}");
    ReportFileImporter.ImportFileException e = assertThrows(ReportFileImporter.ImportFileException.class,
        () -> importer.run(store, f, "import"));
    assertEquals(List.of("feature 1: the point 13.4, 52.5 is not in Poland"), e.errors());
    Files.writeString(f, Files.readString(f).replace("[13.4,52.5]", "[21.01,52.23]"));
    assertEquals(2, importer.run(store, f, "import").stored().inserted());
    assertEquals(Status.VERIFICATION, all().get(0).status());
  }

  // --- skip mode: good rows stored, bad rows to a rejects file ---

  static final String MIXED = HEADER
      + "S-1,speeding,confirmed,19.94,50.06,2024-05-01T10:00:00Z,,,,\n"
      + "S-2,ufo,new,19.94,50.06,2024-05-01T10:00:00Z,,,\"Opis, z przecinkiem i \"\"cudzysłowem\"\"\",\n"
      + "S-3,speeding,new,20.10,50.05,2024-05-02,,,,\n"
      + "S-4,speeding,new,13.40,52.52,2024-05-02,,,,\n"
      + "S-1,speeding,new,19.94,50.06,2024-05-01,,,,\n"
      + "S-6,speeding,new,19.94\n"
      + "S-7,illegal_parking,new,20.20,50.10,2024-05-03,,,,\n";

  @Test
  void skipModeStoresTheGoodRowsAndListsEveryBadOneWithItsLineAndReason() throws Exception {
    Path f = file("mixed.csv", MIXED);
    Path rejects = dir.resolve("rejects.csv");
    ReportFileImporter.Result r = importer.run(store, f, "import", rejects);
    assertEquals(7, r.rows());
    assertEquals(4, r.rejected());
    assertEquals(new ImportResult(3, 0), r.stored());
    assertEquals(List.of("S-1", "S-3", "S-7"), all().stream().map(Report::externalId).toList());
    assertEquals(List.of(
        "reject_line,reject_reason,external_id,category,status,lon,lat,reported_at,occurred_on,time_of_day,description,source",
        "3,unknown category 'ufo',S-2,ufo,new,19.94,50.06,2024-05-01T10:00:00Z,,,\"Opis, z przecinkiem i \"\"cudzysłowem\"\"\",",
        "5,\"the point 13.4, 52.52 is not in Poland\",S-4,speeding,new,13.40,52.52,2024-05-02,,,,",
        "6,external_id 'S-1' appears twice in the file,S-1,speeding,new,19.94,50.06,2024-05-01,,,,",
        "7,malformed CSV: 4 value(s) where the header names 10,S-6,speeding,new,19.94"), Files.readAllLines(rejects));
    String summary = progress.toString();
    assertTrue(summary.contains("read 7 rows: stored 3 new, 0 already stored, rejected 4 (listed in " + rejects + ")"), summary);
    assertTrue(summary.contains("line 3: unknown category 'ufo'"), summary);
  }

  @Test
  void aFixedRejectsFileImportsAsItIsAndReRunsStoreOnlyWhatIsNew() throws Exception {
    Path f = file("mixed.csv", MIXED);
    Path rejects = dir.resolve("rejects.csv");
    importer.run(store, f, "import", rejects);
    // The operator fixes two of the four rows in the rejects file and imports it.
    Files.writeString(rejects, Files.readString(rejects).replace(",ufo,", ",speeding,").replace("13.40,52.52", "19.90,50.01"));
    Path again = dir.resolve("rejects-2.csv");
    ReportFileImporter.Result fixed = importer.run(store, rejects, "import", again);
    assertEquals(new ImportResult(2, 1), fixed.stored(), "S-2 and S-4 are new; S-1 (once in this file) is stored");
    assertEquals(1, fixed.rejected(), "the malformed row is still bad");
    List<String> still = Files.readAllLines(again);
    assertEquals(RejectsFile.LINE + "," + RejectsFile.REASON + "," + HEADER.strip(), still.get(0),
        "the reject columns of the input are replaced, not repeated");
    assertEquals(2, still.size());
    assertTrue(still.get(1).startsWith("5,malformed CSV"), String.join("\n", still));
    // The original, fixed the same way and run again: only already stored rows and the two still bad.
    Files.writeString(f, MIXED.replace(",ufo,", ",speeding,").replace("13.40,52.52", "19.90,50.01"));
    ReportFileImporter.Result rerun = importer.run(store, f, "import", again);
    assertEquals(new ImportResult(0, 5), rerun.stored());
    assertEquals(2, rerun.rejected());
    assertEquals(5, all().size());
  }

  @Test
  void theRejectsFileIsWrittenWhenEveryRowIsRejected() throws Exception {
    Path f = file("all-bad.csv", HEADER + "B-1,ufo,new,19.94,50.06,2024-05-01,,,,\n" + "B-2,speeding,new,13.4,52.5,2024-05-01,,,,\n");
    Path rejects = dir.resolve("rejects.csv");
    ReportFileImporter.Result r = importer.run(store, f, "import", rejects);
    assertEquals(new ImportResult(0, 0), r.stored());
    assertEquals(2, r.rejected());
    assertEquals(3, Files.readAllLines(rejects).size());
    assertEquals(0, all().size());
    assertEquals(0, store.lastChangeSeq());

    Path empty = file("header-only.csv", HEADER);
    assertEquals(0, importer.run(store, empty, "import", rejects).rejected());
    assertEquals(List.of("reject_line,reject_reason," + HEADER.strip()), Files.readAllLines(rejects),
        "an earlier rejects file is replaced, not appended to");
  }

  @Test
  void aRejectsPathThatCannotBeWrittenStopsTheImportBeforeAnythingIsStored() throws Exception {
    Path f = file("mixed.csv", MIXED);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> importer.run(store, f, "import", dir.resolve("no-such-dir").resolve("rejects.csv")));
    assertTrue(e.getMessage().startsWith("cannot write the rejects file"), e.getMessage());
    IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> importer.run(store, f, "import", f));
    assertTrue(same.getMessage().contains("is the file being imported"), same.getMessage());
    assertEquals(MIXED, Files.readString(f), "the input is left as it was");
    assertEquals(0, all().size());
    assertEquals(0, store.lastChangeSeq());
  }

  @Test
  void aFileThatCannotBeReadAsAWholeStoresNothingInSkipModeToo() throws Exception {
    Path f = file("broken.csv", MIXED + "S-9,speeding,new,19.94,50.06,2024-05-01,,,\"never closed,\n");
    Path rejects = dir.resolve("rejects.csv");
    ReportFileImporter.ImportFileException e = assertThrows(ReportFileImporter.ImportFileException.class,
        () -> importer.run(store, f, "import", rejects));
    assertTrue(e.errors().get(0).startsWith("malformed CSV at line"), e.errors().toString());
    assertEquals(0, all().size());
    assertFalse(Files.exists(rejects), "no rejects file for an import that stored nothing");
  }

  @Test
  void geoJsonRejectsAreAFeatureCollectionOfTheOriginalFeatures() throws Exception {
    Path f = file("swd.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[18.6466,54.352]},"
        + "\"properties\":{\"external_id\":\"G-1\",\"category\":\"public_drinking\",\"status\":\"verification\","
        + "\"reported_at\":\"2025-07-01T20:00:00Z\"}},"
        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.5]},"
        + "\"properties\":{\"external_id\":\"G-2\",\"category\":\"public_drinking\",\"status\":\"new\","
        + "\"reported_at\":\"2025-07-01T20:00:00Z\"}}]}");
    Path rejects = dir.resolve("rejects.geojson");
    ReportFileImporter.Result r = importer.run(store, f, "import", rejects);
    assertEquals(1, r.stored().inserted());
    JsonNode out = new ObjectMapper().readTree(rejects.toFile());
    assertEquals("FeatureCollection", out.path("type").asText());
    assertEquals(1, out.path("features").size());
    JsonNode rejected = out.path("features").get(0);
    assertEquals("G-2", rejected.path("properties").path("external_id").asText());
    assertEquals(1, rejected.path("properties").path(RejectsFile.LINE).asInt());
    assertEquals("the point 13.4, 52.5 is not in Poland", rejected.path("properties").path(RejectsFile.REASON).asText());
    assertEquals(13.4, rejected.path("geometry").path("coordinates").get(0).asDouble());
    // Fixed in place, the rejects file imports as it is.
    Files.writeString(rejects, Files.readString(rejects).replace("[13.4,52.5]", "[21.01,52.23]"));
    assertEquals(1, importer.run(store, rejects, "import").stored().inserted());
    assertEquals(2, all().size());
  }
}
