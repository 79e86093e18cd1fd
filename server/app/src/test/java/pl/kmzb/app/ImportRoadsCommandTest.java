package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.roads.Road;
import pl.kmzb.roads.RoadFileException;
import pl.kmzb.roads.RoadImporter;
import pl.kmzb.store.JdbcRoadStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.Stores;
import pl.kmzb.testing.TestPostgis;

/** The {@code import-roads} command as {@code Main} wires it, on both stores: a bad file leaves the previous network. */
class ImportRoadsCommandTest {
  @TempDir
  Path dir;
  final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  static String roads(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  static String road(String number, double lon) {
    return "{\"type\":\"Feature\",\"properties\":{\"number\":\"" + number + "\"},\"geometry\":{\"type\":\"LineString\","
        + "\"coordinates\":[[" + lon + ",50.0],[" + (lon + 0.1) + ",50.05]]}}";
  }

  RoadImporter.Result importRoads(List<String> store, Path file) {
    List<String> all = new ArrayList<>(List.of("--file=" + file));
    all.addAll(store);
    return Main.importRoads(all, new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  @Test
  void aBadFileLeavesThePreviousNetworkEmbedded() throws Exception {
    aBadFileLeavesThePreviousNetwork(List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite")));
  }

  @Test
  void aBadFileLeavesThePreviousNetworkPostgis() throws Exception {
    aBadFileLeavesThePreviousNetwork(List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(),
        "--postgis.pool-size=2"));
  }

  private void aBadFileLeavesThePreviousNetwork(List<String> store) throws Exception {
    Path good = dir.resolve("roads.geojson");
    Files.writeString(good, roads(road("DK7", 19.9), road("DW 719", 20.5)));
    assertEquals(new RoadImporter.Result(1, 2), importRoads(store, good));
    assertTrue(progress.toString(StandardCharsets.UTF_8).contains("stored road network version 1: 2 roads"), progress.toString());

    Path bad = dir.resolve("bad.geojson");
    Files.writeString(bad, roads(road("DK8", 19.0), road("gminna 12", 19.5)));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> importRoads(store, bad));
    assertTrue(refused.getMessage().contains("feature 1: road number 'gminna 12'"), refused.getMessage());
    Path broken = dir.resolve("broken.geojson");
    Files.writeString(broken, "{\"type\":\"FeatureCollection\",\"features\":[");
    assertThrows(RoadFileException.class, () -> importRoads(store, broken));

    try (ReportStore s = Stores.open(ConfigLoader.load(store, Map.of()))) {
      assertEquals(1, JdbcRoadStore.of(s).current().version());
      assertEquals(List.of("DK7", "DW719"), JdbcRoadStore.of(s).roads().stream().map(Road::number).toList());
    }
  }
}
