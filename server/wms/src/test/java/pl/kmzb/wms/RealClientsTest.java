package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;

/**
 * Real WMS clients against a running server: GDAL's WMS driver (gdalinfo, gdal_translate) and
 * OWSLib. Like the PostGIS and ogr2ogr tests they provision their tools on a fresh Debian machine
 * (db/ensure-gdal.sh, db/ensure-owslib.sh) rather than skip, so CI cannot silently lose them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientsTest {
  static final double LON = 21.0067;
  static final double LAT = 52.2319;
  Path dir;
  Application app;
  WmsClient client;

  @BeforeAll
  void start() throws Exception {
    provision("db/ensure-gdal.sh");
    provision("db/ensure-owslib.sh");
    dir = Files.createTempDirectory("wms-clients");
    app = Application.start(ConfigLoader.load(List.of("--store=embedded", "--embedded.file=" + dir.resolve("k.sqlite"),
        "--http.port=0", "--http.host=127.0.0.1", "--access-log=off", "--auth.admin-password=admin-password-clients"),
        Map.of()));
    client = new WmsClient(app.port());
    for (long deadline = System.currentTimeMillis() + 60_000; client.get("/health", List.of()).status() != 200; ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not become ready");
      }
      Thread.sleep(50);
    }
    String admin = client.login("admin", "admin-password-clients");
    assertEquals(201, client.postJson("/api/reports", "{\"category\":\"illegal_parking\",\"lon\":" + LON + ",\"lat\":"
        + LAT + "}", "Authorization", admin).status());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  private static void provision(String script) {
    try {
      Process p = new ProcessBuilder("bash", TestPostgis.projectRoot().resolve(script).toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        fail(script + " failed: " + out);
      }
    } catch (IOException e) {
      fail("cannot run " + script + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + out);
    return out;
  }

  @Test
  void gdalReadsTheCapabilitiesOfBothVersions() throws Exception {
    for (String version : List.of("1.3.0", "1.1.1")) {
      String out = run(List.of("gdalinfo", "WMS:" + client.base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION="
          + version));
      assertTrue(out.contains("LAYERS=threats.clusters"), out);
      assertTrue(out.contains("Zagrożenia (skupienia)"), out);
    }
  }

  @Test
  void gdalTranslateFetchesAMapInEpsg2180() throws Exception {
    Path png = dir.resolve("gdal.png");
    double[] en = pl.kmzb.crs.CrsRegistry.standard().fromLonLat(pl.kmzb.crs.CrsRegistry.standard().require("EPSG:2180"))
        .apply(LON, LAT);
    // GDAL reads the BBOX of a WMS: URL in the protocol's own order: 1.3.0 EPSG:2180 is northing first
    // (its DataWindow comes out as easting 'x', northing 'y', with BBoxOrder yxYX).
    String bbox = (en[1] - 2000) + "," + (en[0] - 2000) + "," + (en[1] + 2000) + "," + (en[0] + 2000);
    run(List.of("gdal_translate", "-q", "-of", "PNG", "-outsize", "200", "200", "WMS:" + client.base()
        + "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=threats.points&CRS=EPSG:2180&BBOX=" + bbox
        + "&FORMAT=image/png&TRANSPARENT=TRUE", png.toString()));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(200, img.getWidth());
    assertTrue(drawn(img, 100, 100), "the report at the centre of GDAL's map");
    assertTrue(!drawn(img, 10, 10), "nothing in the corner");
  }

  /** Whether the pixel differs from the corner's background (GDAL may drop the alpha band). */
  private static boolean drawn(BufferedImage img, int x, int y) {
    int background = img.getRGB(0, 0);
    for (int dy = -3; dy <= 3; dy++) {
      for (int dx = -3; dx <= 3; dx++) {
        if (img.getRGB(x + dx, y + dy) != background) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void owslibReadsCapabilitiesMapsFeatureInfoAndExceptions() throws Exception {
    Path script = dir.resolve("owslib_client.py");
    try (InputStream in = RealClientsTest.class.getResourceAsStream("owslib_client.py")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> lines = new ArrayList<>(run(List.of("/usr/bin/python3", script.toString(), client.base(),
        Double.toString(LON), Double.toString(LAT))).lines().toList());
    for (String v : List.of("1.3.0", "1.1.1")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(v + " layers ") && l.endsWith(" clusters")), lines.toString());
      assertTrue(lines.contains(v + " crs True time True"), lines.toString());
      assertTrue(lines.contains(v + " getmap image/png True"), lines.toString());
      assertTrue(lines.contains(v + " featureinfo 1"), lines.toString());
      assertTrue(lines.contains(v + " exception ServiceException"), lines.toString());
    }
  }
}
