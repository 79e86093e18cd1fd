package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * A real client: GDAL's ogr2ogr copies the public reports through its WFS and OAPIF drivers (with
 * paging), and the copies hold as many features as the store holds public reports.
 */
class GdalClientsTest {
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CategoryCatalog.load(null), p -> Teryt.NONE);

  @TempDir
  Path dir;
  Application app;
  long expected;

  @BeforeEach
  void start() throws Exception {
    // ogr2ogr is Debian's gdal-bin; the boundary importer's tests install it the same way.
    run(List.of("bash", TestPostgis.projectRoot().resolve("db/ensure-gdal.sh").toString()));
    app = FeatureServer.start(false, dir, "--features.default-limit=50");
    app.store().insertAll(TestReports.random(31, 1_200), "test");
    long[] n = {0};
    app.store().scan(ReportFilter.ALL_INTERNAL, r -> n[0] += POLICY.isPublic(r) ? 1 : 0);
    expected = n[0];
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  @Test
  void ogr2ogrCopiesTheLayerThroughWfs() throws Exception {
    Path out = dir.resolve("wfs.geojson");
    run(List.of("ogr2ogr", "-f", "GeoJSON", out.toString(), "--config", "OGR_WFS_PAGE_SIZE", "97",
        "WFS:http://127.0.0.1:" + app.port() + "/wfs", "kmzb:threats.points"));
    assertEquals(expected, features(out));
  }

  @Test
  void ogr2ogrCopiesTheLayerThroughWfs11() throws Exception {
    Path out = dir.resolve("wfs11.geojson");
    run(List.of("ogr2ogr", "-f", "GeoJSON", out.toString(), "--config", "OGR_WFS_PAGE_SIZE", "97",
        "WFS:http://127.0.0.1:" + app.port() + "/wfs?VERSION=1.1.0", "kmzb:threats.points"));
    assertEquals(expected, features(out));
  }

  @Test
  void ogr2ogrCopiesTheCollectionThroughOapif() throws Exception {
    Path out = dir.resolve("oapif.geojson");
    run(List.of("ogr2ogr", "-f", "GeoJSON", out.toString(), "--config", "OGR_OAPIF_PAGE_SIZE", "97",
        "OAPIF:http://127.0.0.1:" + app.port() + FeaturesApi.BASE, "threats.points"));
    assertEquals(expected, features(out));
  }

  static long features(Path geojson) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(geojson.toFile());
    return doc.get("features").size();
  }

  static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }

}
