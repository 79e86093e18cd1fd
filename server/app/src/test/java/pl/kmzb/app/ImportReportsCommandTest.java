package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.ingest.ReportFileImporter;
import pl.kmzb.report.Report;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.Stores;
import pl.kmzb.testing.PolishWaters;
import pl.kmzb.testing.TestPostgis;

/** The {@code import-reports} command as {@code Main} wires it, on both stores. */
class ImportReportsCommandTest {
  static final String HEADER = "external_id,category,status,lon,lat,reported_at,occurred_on,time_of_day,description,source\n";

  @TempDir
  Path dir;
  final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  static String row(String id, LonLat p) {
    return id + ",speeding,new," + p.lon() + "," + p.lat() + ",2024-05-01T10:00:00Z,,,,\n";
  }

  ReportFileImporter.Result importReports(List<String> store, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(store);
    return Main.importReports(Main.ImportReportsArgs.parse(all), new PrintStream(progress, true));
  }

  List<String> embedded() {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }

  List<String> postgis() {
    return List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(), "--postgis.pool-size=2");
  }

  @Test
  void internalSeaWatersImportOnceVoivodeshipsAreLoadedEmbedded() throws Exception {
    internalSeaWatersImportOnceVoivodeshipsAreLoaded(embedded());
  }

  @Test
  void internalSeaWatersImportOnceVoivodeshipsAreLoadedPostgis() throws Exception {
    internalSeaWatersImportOnceVoivodeshipsAreLoaded(postgis());
  }

  private void internalSeaWatersImportOnceVoivodeshipsAreLoaded(List<String> storeArgs) throws Exception {
    Path waters = dir.resolve("waters.csv");
    Files.writeString(waters, HEADER + row("W-1", PolishWaters.SZCZECIN_LAGOON) + row("W-2", PolishWaters.GDANSK_BAY));
    ReportFileImporter.ImportFileException before = assertThrows(ReportFileImporter.ImportFileException.class,
        () -> importReports(storeArgs, "--file=" + waters));
    assertEquals(2, before.errors().size(), before.getMessage());
    assertTrue(before.errors().stream().allMatch(e -> e.contains("not in Poland")), before.getMessage());

    try (ReportStore store = Stores.open(ConfigLoader.load(storeArgs, java.util.Map.of()))) {
      BoundaryImporter.run(store, PolishWaters.voivodeships());
    }
    assertEquals(2, importReports(storeArgs, "--file=" + waters).stored().inserted());
    Path land = dir.resolve("land.csv");
    Files.writeString(land, HEADER + row("L-1", PolishWaters.KRAKOW));
    ReportFileImporter.ImportFileException outside = assertThrows(ReportFileImporter.ImportFileException.class,
        () -> importReports(storeArgs, "--file=" + land), "Poland is now the union of the voivodeships");
    assertTrue(outside.errors().get(0).startsWith("line 2: the point 19.94, 50.06 is not in Poland"), outside.getMessage());
    try (ReportStore store = Stores.open(ConfigLoader.load(storeArgs, java.util.Map.of()))) {
      List<Report> all = new ArrayList<>();
      store.scan(ReportFilter.ALL_INTERNAL, all::add);
      assertEquals(List.of("32", "22"), all.stream().map(r -> r.teryt().voivodeship()).toList());
    }
  }

  @Test
  void skipFailuresStoresTheGoodRowsAndWritesTheRejectsEmbedded() throws Exception {
    skipFailuresStoresTheGoodRowsAndWritesTheRejects(embedded());
  }

  @Test
  void skipFailuresStoresTheGoodRowsAndWritesTheRejectsPostgis() throws Exception {
    skipFailuresStoresTheGoodRowsAndWritesTheRejects(postgis());
  }

  private void skipFailuresStoresTheGoodRowsAndWritesTheRejects(List<String> storeArgs) throws Exception {
    Path file = dir.resolve("export.csv");
    Files.writeString(file, HEADER + row("E-1", PolishWaters.KRAKOW) + row("E-2", new LonLat(13.40, 52.52))
        + row("E-3", new LonLat(21.01, 52.23)));
    Path rejects = dir.resolve("rejects.csv");
    ReportFileImporter.Result r = importReports(storeArgs, "--file=" + file, "--skip-failures", "--rejects=" + rejects);
    assertEquals(3, r.rows());
    assertEquals(1, r.rejected());
    assertEquals(2, r.stored().inserted());
    assertEquals(List.of("reject_line,reject_reason," + HEADER.strip(),
        "3,\"the point 13.4, 52.52 is not in Poland\",E-2,speeding,new,13.4,52.52,2024-05-01T10:00:00Z,,,,"),
        Files.readAllLines(rejects));
    assertTrue(progress.toString().contains("read 3 rows: stored 2 new, 0 already stored, rejected 1"), progress.toString());
  }

  @Test
  void skipFailuresNeedsARejectsFileAndRejectsNeedsSkipFailures() {
    assertThrows(IllegalArgumentException.class,
        () -> Main.ImportReportsArgs.parse(List.of("--file=a.csv", "--skip-failures")));
    assertThrows(IllegalArgumentException.class,
        () -> Main.ImportReportsArgs.parse(List.of("--file=a.csv", "--rejects=r.csv")));
  }
}
