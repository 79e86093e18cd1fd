package pl.kmzb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import pl.kmzb.boundary.TerytAssigner;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.TileLayers;
import pl.kmzb.unit.CurrentUnits;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.PoliceUnitImporter;
import pl.kmzb.unit.PoliceUnitReader;

/**
 * Imports made by another process (here: a second handle on the same database, as the import
 * command is) reach a running server's boundary index and tilesets without a restart.
 */
class ReferenceReloadTest {
  static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  @TempDir
  Path dir;

  static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
        new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
  }

  static BoundaryImport counties(String code, Geometry g) {
    return new BoundaryImport(BoundaryLevel.COUNTY, List.of(new Boundary(BoundaryLevel.COUNTY, code, "powiat", g)), 0,
        List.of());
  }

  @Test
  void anImportElsewhereIsPickedUpByTheNextCheckAndOnlyThen() throws Exception {
    Path file = dir.resolve("kmzb.sqlite");
    try (ReportStore server = EmbeddedReportStore.open(file); ReportStore importer = EmbeddedReportStore.open(file)) {
      TerytAssigner areas = new TerytAssigner(JdbcBoundaryStore.of(server));
      TileLayers tiles = new TileLayers();
      CurrentUnits current = new CurrentUnits();
      ReferenceReloader reloader = new ReferenceReloader(server, areas, current, tiles, 16, Duration.ofHours(1));
      reloader.check();
      assertEquals(List.of(), current.get());
      long noUnits = current.version();
      LonLat krakow = new LonLat(19.94, 50.06);
      assertEquals(Teryt.NONE, areas.assign(krakow));
      assertFalse(tiles.find("counties").isPresent());
      TileLayer units = tiles.find("police-units").orElseThrow();

      BoundaryImporter.run(importer, counties("1261", box(19.8, 50.0, 20.1, 50.1)));
      assertEquals(Teryt.NONE, areas.assign(krakow), "nothing changes before the check");
      reloader.check();
      assertEquals(new Teryt("12", "1261", null), areas.assign(krakow));
      TileLayer counties = tiles.find("counties").orElseThrow();
      TileCoord tile = new TileCoord(10, 568, 347);
      assertTrue(counties.render(tile, counties.variant(Map.of())).mvt().length > 0);
      assertSame(units, tiles.find("police-units").orElseThrow(), "units did not change, so they were not reloaded");
      assertEquals(noUnits, current.version());

      BoundaryImporter.run(importer, counties("1206", box(19.8, 50.0, 20.1, 50.1)));
      reloader.check();
      assertEquals(new Teryt("12", "1206", null), areas.assign(krakow));
      TileLayer replaced = tiles.find("counties").orElseThrow();
      assertTrue(replaced.stamp(tile) > counties.stamp(tile), "cached tiles of the old outlines are stale");

      PoliceUnitImporter.run(importer, PoliceUnitReader.readCsv("code,name,type,lon,lat,areas\n"
          + "KMP-KRAKOW,Komenda Miejska Policji w Krakowie,KMP,19.94,50.06,1261\n"));
      assertEquals(List.of(), current.get(), "nothing changes before the check");
      reloader.check();
      assertEquals(List.of("KMP-KRAKOW"), current.get().stream().map(PoliceUnit::code).toList(),
          "the one list every output reads");
      assertNotEquals(noUnits, current.version());
      TileLayer reloadedUnits = tiles.find("police-units").orElseThrow();
      assertNotEquals(units.stamp(tile), reloadedUnits.stamp(tile));
      assertTrue(reloadedUnits.render(tile, reloadedUnits.variant(Map.of())).mvt().length > 0);
    }
  }

  @Test
  void aRunningServerReloadsOnItsOwn() throws Exception {
    Path file = dir.resolve("kmzb.sqlite");
    try (Application app = Application.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--access-log=off", "--embedded.file=" + file, "--reference.poll-interval=PT0.1S",
        "--auth.admin-password=reload-test-password"), Map.of()));
        ReportStore importer = EmbeddedReportStore.open(file)) {
      HttpClient http = HttpClient.newHttpClient();
      URI counties = URI.create("http://127.0.0.1:" + app.port() + "/tiles/counties.json");
      assertEquals(404, http.send(HttpRequest.newBuilder(counties).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode());
      BoundaryImporter.run(importer, counties("1261", box(19.8, 50.0, 20.1, 50.1)));
      int status = 0;
      for (long deadline = System.currentTimeMillis() + 10_000; status != 200 && System.currentTimeMillis() < deadline;
          Thread.sleep(50)) {
        status = http.send(HttpRequest.newBuilder(counties).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      }
      assertEquals(200, status, "the counties tileset appears after the import, without a restart");
    }
  }
}
