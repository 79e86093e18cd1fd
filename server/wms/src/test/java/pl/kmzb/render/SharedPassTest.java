package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.Category;
import pl.kmzb.cluster.TestIndexes;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;

/**
 * The layers of one map whose filters differ only in their categories (the group {@code threats}:
 * clusters, points, the category groups, the heat map, the choropleths) are gathered in one read of
 * the index: the same pixels and labels as each layer gathered on its own, and counts that add up to
 * the reports of each layer's categories.
 */
class SharedPassTest {
  private static final RenderFixtures FX = new RenderFixtures();
  /** 20,000 reports over Poland, around cities and scattered, every status (hidden ones too). */
  private static final List<Report> REPORTS = reports(20_000);
  private static final TestIndexes.Built INDEX = TestIndexes.of(RenderFixtures.CATALOG, FX.policy, REPORTS);
  private static final MapRenderer RENDERER = new MapRenderer(INDEX.index(), INDEX.points(), null,
      RenderFixtures.CATALOG, RenderFixtures.CRS, () -> FX.boundaries, () -> FX.units, RenderFixtures.ICONS,
      RenderFixtures.CLOCK);

  @Test
  void theGroupThreatsDrawsTheSamePixelsAsItsLayersOneByOne() {
    List<LayerRequest> group = group("threats", null);
    assertTrue(group.stream().filter(l -> l.layer().kind() == LayerKind.CATEGORY_GROUP).count() >= 5, group.toString());
    List<MapView> views = List.of(RenderFixtures.poland("EPSG:3857", 1024), RenderFixtures.poland("EPSG:2180", 512),
        RenderFixtures.view("EPSG:2180", 20.66, 52.01, 21.36, 52.45, 600, 400),
        // Kraków at about 1:15,000: single reports (the points layers' finer zoom).
        RenderFixtures.view("EPSG:3857", 19.90, 50.04, 19.98, 50.08, 700, 500));
    for (MapView v : views) {
      assertSame(v, group);
    }
  }

  @Test
  void aFilteredGroupAndAListOfCategoryLayersAlsoShareTheirPass() {
    ReportFilter confirmed = withStatuses(INDEX.points().policy().parse(Map.of()),
        Set.of(Status.CONFIRMED, Status.CONFIRMED_ELIMINATED));
    assertSame(RenderFixtures.poland("EPSG:3857", 768), group("threats", confirmed));
    List<LayerRequest> list = new ArrayList<>();
    for (Category c : RenderFixtures.CATALOG.all()) {
      if (list.size() < 12) {
        list.add(request(RenderFixtures.layer("category." + c.code()), null));
      }
    }
    list.add(request(RenderFixtures.layer("threats.clusters"), null));
    assertSame(RenderFixtures.poland("EPSG:2180", 768), list);
    assertSame(RenderFixtures.view("EPSG:3857", 18.0, 53.8, 19.2, 54.6, 512, 512), list);
  }

  @Test
  void theSharedPassCountsEveryPublicReportOfEachLayersCategories() {
    MapView v = RenderFixtures.poland("EPSG:3857", 1024);
    ViewTransform vt = new ViewTransform(v, RenderFixtures.CRS);
    List<LayerRequest> group = group("threats", null);
    ThreatLayers threats = new ThreatLayers(INDEX.index(), INDEX.points(), RenderFixtures.CATALOG);
    Map<Integer, List<ThreatPoint>> prepared = threats.prepare(vt, group);
    Map<String, Integer> publicByCategory = new java.util.HashMap<>();
    for (Report r : REPORTS) {
      if (INDEX.points().entryOf(r) != null) {
        publicByCategory.merge(r.category(), 1, Integer::sum);
      }
    }
    int checked = 0;
    for (int i = 0; i < group.size(); i++) {
      PublishedLayer layer = group.get(i).layer();
      if (layer.kind() != LayerKind.CATEGORY_GROUP && layer.kind() != LayerKind.THREAT_CLUSTERS) {
        continue;
      }
      assertTrue(prepared.containsKey(i), layer.id() + " shares the pass");
      int expected = 0;
      for (Category c : RenderFixtures.CATALOG.all()) {
        if (layer.kind() == LayerKind.THREAT_CLUSTERS || c.group().equals(layer.parameter())) {
          expected += publicByCategory.getOrDefault(c.code(), 0);
        }
      }
      int drawn = prepared.get(i).stream().mapToInt(p -> p.f.count()).sum();
      assertEquals(expected, drawn, layer.id());
      checked++;
    }
    assertEquals(6, checked);
  }

  /** The map drawn with the shared pass and with each layer gathered alone: identical pixels and labels. */
  private static void assertSame(MapView v, List<LayerRequest> layers) {
    MapRenderer.Rendered shared = RENDERER.renderWithLabels(v, layers, RenderFixtures.BACKGROUND, true, true);
    MapRenderer.Rendered alone = RENDERER.renderWithLabels(v, layers, RenderFixtures.BACKGROUND, true, false);
    assertArrayEquals(pixels(alone.image()), pixels(shared.image()), "pixels of " + v);
    assertEquals(alone.labels(), shared.labels(), "labels of " + v);
    int drawn = 0;
    for (int p : pixels(shared.image())) {
      drawn += p >>> 24 != 0 ? 1 : 0;
    }
    assertTrue(drawn > 500, "the map shows something: " + drawn + " pixels of " + v);
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  /** A group's drawable layers, as GetMap expands it (groups within it expanded too). */
  private static List<LayerRequest> group(String id, ReportFilter filter) {
    List<LayerRequest> out = new ArrayList<>();
    for (PublishedLayer child : RenderFixtures.LAYERS.children(id)) {
      if (child.kind() == LayerKind.GROUP) {
        out.addAll(group(child.id(), filter));
      } else if (child.isPublic()) {
        out.add(request(child, filter));
      }
    }
    return out;
  }

  private static LayerRequest request(PublishedLayer l, ReportFilter filter) {
    return new LayerRequest(l, FX.style(l.styles().get(0)), filter, Optional.empty(), "pl");
  }

  private static ReportFilter withStatuses(ReportFilter f, Set<Status> statuses) {
    return new ReportFilter(f.categories(), statuses, f.sources(), f.from(), f.to(), f.areas(), f.bbox(), f.visibility(),
        f.hiddenUnlessConfirmed());
  }

  private static List<Report> reports(int n) {
    List<Category> cats = List.copyOf(RenderFixtures.CATALOG.all());
    double[][] cities = {{21.01, 52.23}, {19.94, 50.06}, {17.03, 51.11}, {18.65, 54.35}, {16.93, 52.41}};
    SplittableRandom rnd = new SplittableRandom(7);
    List<Report> out = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      double lon;
      double lat;
      if (rnd.nextInt(4) > 0) {
        double[] c = cities[rnd.nextInt(cities.length)];
        lon = c[0] + (rnd.nextDouble() - 0.5) * 0.4 * rnd.nextDouble();
        lat = c[1] + (rnd.nextDouble() - 0.5) * 0.25 * rnd.nextDouble();
      } else {
        lon = 14.3 + rnd.nextDouble() * 9.7;
        lat = 49.1 + rnd.nextDouble() * 5.6;
      }
      Report r = RenderFixtures.report(id, cats.get(rnd.nextInt(cats.size())).code(),
          Status.values()[rnd.nextInt(Status.values().length)], lon, lat);
      out.add(new Report(r.id(), r.category(), r.status(), r.location(), r.reportedAt(), null, null, null, false,
          r.source(), FX.boundaries.assign(r.location()), null, false, null, false, r.updatedAt(), 1));
    }
    return out;
  }
}
