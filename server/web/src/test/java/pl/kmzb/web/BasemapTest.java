package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The optional external basemap: with web.basemap-url set, the page draws its tiles (from a second
 * local server standing in for a tile provider) under the threats and shows the attribution; the
 * page policy lets exactly that origin in. Without it the page asks no other host (every other
 * browser test checks that).
 */
class BasemapTest {
  @TempDir
  Path dir;

  @Test
  void aConfiguredBasemapIsDrawnWithItsAttribution() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    byte[] png = tile();
    HttpServer tiles = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tiles.createContext("/", ex -> {
      asked.add(ex.getRequestURI().getPath());
      ex.getResponseHeaders().add("Content-Type", "image/png");
      ex.sendResponseHeaders(200, png.length);
      ex.getResponseBody().write(png);
      ex.close();
    });
    tiles.start();
    String origin = "http://127.0.0.1:" + tiles.getAddress().getPort();
    try (MapServer server = MapServer.start(dir, 200, "--web.basemap-url=" + origin + "/osm/{z}/{x}/{y}.png",
        "--web.basemap-attribution=© Test tiles");
        Browser b = Browser.open(server.origin(), "BasemapTest", Browser.Viewport.DESKTOP)) {
      b.allowOrigin(origin);
      b.get("/");
      PublicMapTest.awaitSummary(b, "");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (asked.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      b.waitUntil("the basemap drawn", Duration.ofSeconds(20), "kmzb.map.getLayers().item(0).getSource().getState() === 'ready'");
      b.step("basemap");
      assertTrue(asked.stream().anyMatch(p -> p.matches("/osm/\\d+/\\d+/\\d+\\.png")), "basemap tiles asked: " + asked);
      assertEquals("© Test tiles", b.driver().findElement(By.id("attribution")).getText());
      assertTrue(b.requests().stream().anyMatch(u -> u.startsWith(origin + "/osm/")));
    } finally {
      tiles.stop(0);
    }
  }

  /** A plain 256-pixel PNG tile. */
  static byte[] tile() throws Exception {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new java.awt.Color(0xd8e6cf));
    g.fillRect(0, 0, 256, 256);
    g.setColor(java.awt.Color.GRAY);
    g.drawRect(0, 0, 255, 255);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
