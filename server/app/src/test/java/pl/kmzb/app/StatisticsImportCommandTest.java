package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.JdbcIndicatorStore;
import pl.kmzb.store.ReportStore;

/**
 * {@code import-population} and {@code import-indicators} as an operator runs them, in a separate
 * JVM on an embedded store: a good file is stored and summarised; a bad one exits 2 naming each
 * problem by line and stores nothing.
 */
class StatisticsImportCommandTest {
  @TempDir Path dir;

  record Run(int exit, List<String> stderr) {}

  private Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path err = dir.resolve("stderr-" + System.nanoTime());
    Process p = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not exit within 60 s: " + command);
    }
    return new Run(p.exitValue(), Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.contains("[main] INFO") && !l.contains("Flyway") && !l.isBlank()).toList());
  }

  @Test
  void goodFilesAreStoredAndABadOneNothing() throws Exception {
    Path db = dir.resolve("k.sqlite");
    GeometryFactory gf = new GeometryFactory();
    try (ReportStore store = EmbeddedReportStore.open(db)) {
      JdbcBoundaryStore.of(store).replace(BoundaryLevel.VOIVODESHIP, List.of(new Boundary(BoundaryLevel.VOIVODESHIP,
          "12", "małopolskie", gf.createPolygon(new Coordinate[] {new Coordinate(19, 49), new Coordinate(21, 49),
              new Coordinate(21, 50.5), new Coordinate(19, 50.5), new Coordinate(19, 49)}))));
    }
    String store = "--embedded.file=" + db;
    Path gus = Files.writeString(dir.resolve("gus.csv"), "teryt;year;population\n12;2024;3400000\n");
    Run population = run("import-population", "--level=voivodeship", "--file=" + gus, "--store=embedded", store);
    assertEquals(0, population.exit(), population.stderr().toString());
    assertEquals(List.of("stored 1 voivodeship population values; statistics data version 1"), population.stderr());

    Path bad = Files.writeString(dir.resolve("bad.csv"),
        "teryt,indicator,period,value\n12,road_deaths,2024,170\n14,road_deaths,2024,90\n12,road_deaths,2024,171\n");
    Run refused = run("import-indicators", "--level=voivodeship", "--file=" + bad, "--store=embedded", store);
    assertEquals(2, refused.exit());
    assertEquals(List.of("kmzb: nothing imported: 1 voivodeship indicator values read, 2 problems",
        "  - line 3: unknown TERYT code: no voivodeship with code 14 among the 1 imported voivodeship boundaries",
        "  - line 4: duplicate key: teryt 12, indicator road_deaths, period 2024 is already on line 2"), refused.stderr());

    Path good = Files.writeString(dir.resolve("good.csv"), "teryt,indicator,period,value\n12,road_deaths,2024,170\n");
    Run stored = run("import-indicators", "--level=voivodeship", "--file=" + good, "--store=embedded", store);
    assertEquals(0, stored.exit(), stored.stderr().toString());
    assertEquals(List.of("stored 1 voivodeship indicator values; statistics data version 2"), stored.stderr());
    try (ReportStore s = EmbeddedReportStore.open(db)) {
      assertEquals(2, JdbcIndicatorStore.of(s).version());
      assertEquals(170.0, JdbcIndicatorStore.of(s).indicatorValues().get(0).value());
    }
    Run usage = run("import-indicators", "--file=" + good);
    assertEquals(2, usage.exit());
    assertEquals(List.of("kmzb: import-indicators needs --level=voivodeship|county|municipality and --file=PATH.csv"),
        usage.stderr());
  }
}
