package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Status;

/** Golden images of fixed scenes, feature info, label collisions and the police layer's refusal. */
class MapRendererTest {
  private final RenderFixtures fx = new RenderFixtures();
  private final MapRenderer renderer = fx.renderer(null);

  private BufferedImage render(MapView view, String... layers) {
    return renderer.render(view, java.util.Arrays.stream(layers).map(fx::request).toList(), RenderFixtures.BACKGROUND,
        false);
  }

  @Test
  void nationalClustersInWebMercator() throws Exception {
    GoldenImages.assertMatches("clusters-3857", render(RenderFixtures.poland("EPSG:3857", 512), "threats.clusters"));
  }

  @Test
  void nationalClustersReprojectedToPl1992() throws Exception {
    BufferedImage img = render(RenderFixtures.poland("EPSG:2180", 512), "boundaries.voivodeship", "threats.clusters");
    GoldenImages.assertMatches("clusters-2180", img);
  }

  @Test
  void pointsAtCityScaleShowStatusColouredMarkers() throws Exception {
    MapView gdansk = RenderFixtures.view("EPSG:3857", 18.2, 54.2, 21.2, 54.5, 768, 256);
    BufferedImage img = render(gdansk, "threats.points");
    GoldenImages.assertMatches("points-gdansk", img);
    // Each public status of the fixture is one marker whose circle has its status colour.
    MapView v = gdansk;
    double[] xy = {18.40, 54.35, 19.60, 54.35, 20.80, 54.35};
    fx.index.points();
    pl.kmzb.crs.CrsTransform t = RenderFixtures.CRS.fromLonLat(v.crs());
    t.apply(xy, 0, 3);
    int[] expected = {0x27ae60, 0xe74c3c, 0x2e86de};
    for (int k = 0; k < 3; k++) {
      // A pixel just inside the circle's rim, left of the white glyph.
      int x = (int) Math.round(v.column(xy[2 * k])) - 9;
      int y = (int) Math.round(v.row(xy[2 * k + 1]));
      assertTrue(close(img.getRGB(x, y) & 0xffffff, expected[k]), "status marker " + k + " colour "
          + Integer.toHexString(img.getRGB(x, y)));
    }
  }

  @Test
  void heatMapAndChoropleth() throws Exception {
    // Kraków's 300 reports in some 10 km², at a city scale (reports per km² decide the colour).
    GoldenImages.assertMatches("heatmap-3857", render(RenderFixtures.view("EPSG:3857", 19.75, 49.95, 20.15, 50.17, 384,
        384), "threats.heatmap"));
    GoldenImages.assertMatches("area-counts-4326", render(RenderFixtures.poland("EPSG:4326", 384), "areas.voivodeship"));
  }

  @Test
  void heatMapTilesMeetWithoutSeams() {
    // Two 256 px tiles of zoom 7 side by side over Kraków, and one 512 px map covering both.
    double tile = 2 * 20037508.342789244 / (1 << 7);
    double x0 = -20037508.342789244 + 70 * tile;
    double y1 = 20037508.342789244 - 43 * tile;
    pl.kmzb.crs.Crs mercator = RenderFixtures.CRS.require("EPSG:3857");
    BufferedImage left = render(new MapView(new pl.kmzb.crs.Bounds(x0, y1 - tile, x0 + tile, y1), mercator, 256, 256),
        "threats.heatmap");
    BufferedImage right = render(new MapView(new pl.kmzb.crs.Bounds(x0 + tile, y1 - tile, x0 + 2 * tile, y1), mercator,
        256, 256), "threats.heatmap");
    BufferedImage both = render(new MapView(new pl.kmzb.crs.Bounds(x0, y1 - tile, x0 + 2 * tile, y1), mercator, 512,
        256), "threats.heatmap");
    int coloured = 0;
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 512; x++) {
        int tiled = x < 256 ? left.getRGB(x, y) : right.getRGB(x - 256, y);
        assertTrue(close(tiled & 0xffffff, both.getRGB(x, y) & 0xffffff), "pixel " + x + "," + y + ": "
            + Integer.toHexString(tiled) + " tiled, " + Integer.toHexString(both.getRGB(x, y)) + " whole");
        coloured += (both.getRGB(x, y) & 0xffffff) != (RenderFixtures.BACKGROUND.getRGB() & 0xffffff) ? 1 : 0;
      }
    }
    assertTrue(coloured > 1000, "the heat map covers Kraków: " + coloured);
  }

  @Test
  void policeUnits() throws Exception {
    GoldenImages.assertMatches("police-units-3857", render(RenderFixtures.poland("EPSG:3857", 384), "police-units"));
  }

  @Test
  void clusterHitCarriesCountsByCategoryAndStatus() {
    MapView v = RenderFixtures.poland("EPSG:3857", 512);
    double[] krakow = RenderFixtures.CRS.fromLonLat(v.crs()).apply(19.94, 50.06);
    int i = (int) v.column(krakow[0]);
    int j = (int) v.row(krakow[1]);
    List<FeatureHit> hits = renderer.hits(v, fx.request("threats.clusters"), i, j, 5, 10);
    assertEquals(1, hits.size(), hits.toString());
    FeatureHit h = hits.get(0);
    assertEquals(300, h.properties().get("count"));
    assertEquals(300, h.countsByCategory().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(300, h.countsByStatus().values().stream().mapToInt(Integer::intValue).sum());
    long newInFixture = fx.reports.stream().filter(r -> r.id() <= 300 && r.status() == Status.NEW).count();
    assertEquals((int) newInFixture, h.countsByStatus().get("new"));
    assertTrue(h.featureId().startsWith("cluster."));
    assertEquals(50.06, h.position().lat(), 0.05);
    assertTrue(renderer.hits(v, fx.request("threats.clusters"), 5, 5, 5, 10).isEmpty(), "nothing in the corner");
  }

  @Test
  void areaHitCarriesTheCount() {
    MapView v = RenderFixtures.poland("EPSG:4326", 400);
    double[] krakow = {19.94, 50.06};
    int i = (int) v.column(krakow[0]);
    int j = (int) v.row(krakow[1]);
    List<FeatureHit> hits = renderer.hits(v, fx.request("areas.voivodeship"), i, j, 2, 5);
    assertEquals(1, hits.size());
    assertEquals("12", hits.get(0).properties().get("code"));
    int count = countIn(19.1, 49.0, 24.2, 52.0);
    assertEquals(count, hits.get(0).properties().get("count"));
    // 5.1° × 3° at 50.5° N: about 120,300 km².
    double km2 = 5.1 * 3 * Math.pow(6371.0088 * Math.PI / 180, 2) * Math.cos(Math.toRadians(50.5));
    assertEquals(count / km2, (Double) hits.get(0).properties().get("density"), count / km2 * 0.05 + 0.01);
  }

  private int countIn(double minLon, double minLat, double maxLon, double maxLat) {
    return (int) fx.reports.stream().filter(r -> r.status().isPublic() && r.location().lon() >= minLon
        && r.location().lon() < maxLon && r.location().lat() >= minLat && r.location().lat() < maxLat).count();
  }

  @Test
  void categoryLayerDrawsOnlyItsCategory() {
    MapView v = RenderFixtures.view("EPSG:3857", 19.90, 50.03, 19.98, 50.09, 512, 512);
    List<FeatureHit> all = renderer.hits(v, fx.request("category.speeding"), 256, 256, 400, 1000);
    assertFalse(all.isEmpty());
    for (FeatureHit h : all) {
      assertTrue(h.properties().get("cluster") == Boolean.TRUE
          ? h.countsByCategory().keySet().equals(java.util.Set.of("speeding"))
          : "speeding".equals(h.properties().get("category")), h.toString());
    }
  }

  @Test
  void labelsNeverOverlap() {
    MapView v = RenderFixtures.poland("EPSG:3857", 256);
    MapRenderer.Rendered r = renderer.renderWithLabels(v, List.of(fx.request("boundaries.voivodeship"),
        fx.request("threats.clusters"), fx.request("police-units")), Color.WHITE, false);
    List<Rectangle2D> boxes = r.labels();
    assertTrue(boxes.size() >= 3, "labels were placed: " + boxes.size());
    for (int a = 0; a < boxes.size(); a++) {
      for (int b = a + 1; b < boxes.size(); b++) {
        assertFalse(boxes.get(a).intersects(boxes.get(b)), boxes.get(a) + " meets " + boxes.get(b));
      }
    }
    LabelIndex index = new LabelIndex(100, 100);
    assertTrue(index.tryPlace(new Rectangle2D.Double(10, 10, 30, 10)));
    assertFalse(index.tryPlace(new Rectangle2D.Double(35, 15, 30, 10)), "an overlapping label is refused");
    assertTrue(index.tryPlace(new Rectangle2D.Double(41, 10, 30, 10)));
  }

  @Test
  void hiddenStatusesAreNeverOnPublicLayers() {
    MapView v = RenderFixtures.view("EPSG:3857", 15.9, 50.4, 16.4, 50.6, 256, 256);
    BufferedImage img = render(v, "threats.points");
    int background = RenderFixtures.BACKGROUND.getRGB();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        assertEquals(background, img.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void policeLayerIsRefusedWithoutAPoliceCaller() {
    MapView v = RenderFixtures.poland("EPSG:3857", 64);
    assertThrows(AccessRefusedException.class, () -> renderer.render(v, List.of(fx.police(Optional.empty())),
        Color.WHITE, false));
    assertThrows(AccessRefusedException.class, () -> renderer.hits(v, fx.police(Optional.empty()), 1, 1, 1, 1));
  }

  @Test
  void filteredRequestDrawsLess() {
    MapView v = RenderFixtures.poland("EPSG:3857", 256);
    ReportFilter onlyNew = fx.policy.parse(Map.of("status", List.of("new")));
    LayerRequest filtered = new LayerRequest(RenderFixtures.layer("threats.clusters"), fx.style("threats-clusters"),
        onlyNew, Optional.empty(), "pl");
    double[] krakow = RenderFixtures.CRS.fromLonLat(v.crs()).apply(19.94, 50.06);
    FeatureHit all = renderer.hits(v, fx.request("threats.clusters"), (int) v.column(krakow[0]), (int) v.row(krakow[1]),
        4, 1).get(0);
    FeatureHit some = renderer.hits(v, filtered, (int) v.column(krakow[0]), (int) v.row(krakow[1]), 4, 1).get(0);
    assertNotEquals(all.properties().get("count"), some.properties().get("count"));
    assertEquals(Map.of("new", all.countsByStatus().get("new")), some.countsByStatus());
  }

  static boolean close(int rgb, int expected) {
    for (int shift = 0; shift < 24; shift += 8) {
      if (Math.abs(((rgb >> shift) & 255) - ((expected >> shift) & 255)) > 24) {
        return false;
      }
    }
    return true;
  }
}
