package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryImport;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

/**
 * The map's own basemap: once voivodeships are imported (here by a second handle on the data file,
 * as the import command does), the page draws their tiles with their names under the threats.
 */
class BoundaryBasemapTest {
  static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  @TempDir
  Path dir;

  static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
        new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
  }

  @Test
  void importedVoivodeshipsAreDrawnWithTheirNames() throws Exception {
    try (MapServer server = MapServer.start(dir, 300, "--reference.poll-interval=PT0.2S")) {
      try (ReportStore importer = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"))) {
        BoundaryImporter.run(importer, new BoundaryImport(BoundaryLevel.VOIVODESHIP, List.of(
            new Boundary(BoundaryLevel.VOIVODESHIP, "14", "mazowieckie", box(19.2, 51.0, 23.1, 53.5)),
            new Boundary(BoundaryLevel.VOIVODESHIP, "12", "małopolskie", box(19.0, 49.2, 21.4, 50.5))), 0, List.of()));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!new String(server.get("/tiles").body()).contains("voivodeships") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      try (Browser b = Browser.open(server.origin(), "BoundaryBasemapTest", Browser.Viewport.DESKTOP)) {
        b.get("/#map=7/51.50000/20.50000");
        PublicMapTest.awaitSummary(b, "");
        b.waitUntil("the voivodeships drawn", Duration.ofSeconds(20), "kmzb.map.getLayers().getArray()"
            + ".some(l => l.getSource().getUrls && (l.getSource().getUrls() || [])[0]"
            + "  && l.getSource().getUrls()[0].includes('/tiles/voivodeships/')"
            + "  && l.getFeaturesInExtent(kmzb.map.getView().calculateExtent()).some(f => f.get('name') === 'mazowieckie'))");
        b.step("voivodeships");
        assertTrue(b.requests().stream().anyMatch(u -> u.contains("/tiles/voivodeships/")), "boundary tiles asked");
      }
    }
  }
}
