package pl.kmzb.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.cluster.TestIndexes;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Measures render and encode times over a synthetic index of N public reports (not a test: run by
 * hand, figures in docs/notes/ogc-render.md):
 * <pre>
 * mvn -B -o -q -pl server/core,server/reports,server/wms -am test-compile
 * cd server/wms && java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) pl.kmzb.render.RenderTimes 5000000
 * </pre>
 * ({@code target/cp.txt} from {@code mvn dependency:build-classpath -Dmdep.outputFile=target/cp.txt}).
 */
public final class RenderTimes {
  private RenderTimes() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    RenderFixtures fx = new RenderFixtures();
    VisibilityPolicy policy = new VisibilityPolicy(RenderFixtures.CATALOG, p -> Teryt.NONE);
    long t0 = System.nanoTime();
    java.nio.file.Path shared = java.nio.file.Path.of(System.getProperty("shared.data", "../../../shared/data"),
        "boundaries");
    pl.kmzb.boundary.BoundaryIndex areas = fx.boundaries;
    if (java.nio.file.Files.isDirectory(shared)) {
      List<pl.kmzb.boundary.Boundary> all = new ArrayList<>(new pl.kmzb.boundary.BoundaryReader(
          pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP, new pl.kmzb.boundary.AttributeMapping("teryt", "nazwa"))
          .read(shared.resolve("voivodeships-detailed.geojson")).boundaries());
      areas = pl.kmzb.boundary.BoundaryIndex.of(all);
      System.out.printf("boundaries: %d voivodeships from %s%n", all.size(), shared);
    }
    pl.kmzb.boundary.BoundaryIndex boundaries = areas;
    TestIndexes.Built built = TestIndexes.synthetic(RenderFixtures.CATALOG, policy, n, 42, boundaries::assign);
    System.out.printf("index of %,d reports built in %.1f s; %,d cells of per-category aggregates%n",
        built.index().size(), (System.nanoTime() - t0) / 1e9, built.index().categoryCellCount());
    MapRenderer r = new MapRenderer(built.index(), built.points(), null, RenderFixtures.CATALOG, RenderFixtures.CRS,
        () -> boundaries, () -> fx.units, RenderFixtures.ICONS, RenderFixtures.CLOCK);
    LayerRequest clusters = fx.request("threats.clusters");
    LayerRequest points = fx.request("threats.points");
    LayerRequest heat = fx.request("threats.heatmap");
    ReportFilter onlyNew = policy.parse(Map.of("status", List.of("new")));
    LayerRequest filtered = new LayerRequest(clusters.layer(), clusters.style(), onlyNew, Optional.empty(), "pl");

    if (args.length > 1 && args[1].equals("warm")) {
      long w = System.nanoTime();
      r.warm(List.of(clusters, points, heat), java.util.concurrent.TimeUnit.SECONDS.toNanos(20));
      System.out.printf("warm() took %.0f ms%n", (System.nanoTime() - w) / 1e6);
    }
    time("first map in this JVM: national clusters 1024² EPSG:3857 + PNG", 1,
        i -> ImageFormats.png24(r.render(RenderFixtures.poland("EPSG:3857", 1024), List.of(clusters), Color.WHITE, true)));
    time("national clusters 1024² EPSG:3857, render only", 20,
        i -> r.render(shifted("EPSG:3857", i, 1024), List.of(clusters), Color.WHITE, true));
    BufferedImage national = r.render(RenderFixtures.poland("EPSG:3857", 1024), List.of(clusters), Color.WHITE, true);
    java.nio.file.Files.write(java.nio.file.Path.of("target/render-times-national.png"), ImageFormats.png24(national));
    java.nio.file.Files.write(java.nio.file.Path.of("target/render-times-heat.png"), ImageFormats.png24(r.render(
        RenderFixtures.poland("EPSG:2180", 768), List.of(fx.request("boundaries.voivodeship"), heat), Color.WHITE,
        false)));
    java.nio.file.Files.write(java.nio.file.Path.of("target/render-times-areas.png"), ImageFormats.png8(r.render(
        RenderFixtures.poland("EPSG:2180", 768), List.of(fx.request("areas.voivodeship")), Color.WHITE, false)));
    time("  PNG24 (RGBA) encode of it", 20, i -> ImageFormats.png24(national));
    time("  PNG8 encode of it", 20, i -> ImageFormats.png8(national));
    time("  JPEG encode of it", 20, i -> ImageFormats.jpeg(national, 0.85f));
    time("national clusters 1024² EPSG:3857, render + PNG24", 20,
        i -> ImageFormats.png24(r.render(shifted("EPSG:3857", i, 1024), List.of(clusters), Color.WHITE, true)));
    time("national clusters 1024² EPSG:2180, render + PNG24", 20,
        i -> ImageFormats.png24(r.render(shifted("EPSG:2180", i, 1024), List.of(clusters), Color.WHITE, true)));
    time("national clusters 1024², status=new (a scan of the index), render + PNG24", 10,
        i -> ImageFormats.png24(r.render(shifted("EPSG:3857", i, 1024), List.of(filtered), Color.WHITE, true)));
    time("national heat map 1024² EPSG:3857, render + PNG24", 10,
        i -> ImageFormats.png24(r.render(shifted("EPSG:3857", i, 1024), List.of(heat), Color.WHITE, true)));
    time("Warsaw 48 km points 1024² EPSG:2180, render + PNG24", 20,
        i -> ImageFormats.png24(r.render(RenderFixtures.view("EPSG:2180", 20.66 + i * 1e-4, 52.01, 21.36 + i * 1e-4,
            52.44, 1024, 1024), List.of(points), Color.WHITE, true)));
    time("Warsaw 1:10,000 points 1024² EPSG:3857, render + PNG24", 20,
        i -> ImageFormats.png24(r.render(RenderFixtures.view("EPSG:3857", 21.00 + i * 1e-4, 52.22, 21.04 + i * 1e-4,
            52.245, 1024, 1024), List.of(points), Color.WHITE, true)));
    LayerRequest choropleth = fx.request("areas.voivodeship");
    LayerRequest outlines = fx.request("boundaries.voivodeship");
    time("national choropleth of voivodeships 1024² EPSG:2180, render + PNG24", 10,
        i -> ImageFormats.png24(r.render(shifted("EPSG:2180", i, 1024), List.of(choropleth), Color.WHITE, true)));
    time("national voivodeship outlines + clusters 1024² EPSG:2180, render + PNG24", 10,
        i -> ImageFormats.png24(r.render(shifted("EPSG:2180", i, 1024), List.of(outlines, clusters), Color.WHITE,
            true)));
    List<LayerRequest> group = new ArrayList<>();
    for (pl.kmzb.layer.PublishedLayer l : RenderFixtures.LAYERS.children("threats")) {
      group.add(fx.request(l.id()));
    }
    LayerRequest oneCategory = fx.request("category." + RenderFixtures.CATALOG.all().iterator().next().code());
    LayerRequest oneGroup = fx.request("group." + RenderFixtures.CATALOG.all().iterator().next().group());
    time("group threats national 1024² EPSG:3857, one shared pass, render + PNG24", 10,
        i -> ImageFormats.png24(r.renderWithLabels(shifted("EPSG:3857", i, 1024), group, Color.WHITE, true, true)
            .image()));
    time("group threats national 1024² EPSG:3857, each layer its own pass, render + PNG24", 5,
        i -> ImageFormats.png24(r.renderWithLabels(shifted("EPSG:3857", i + 50, 1024), group, Color.WHITE, true, false)
            .image()));
    time("group threats Warsaw 48 km 1024² EPSG:2180, one shared pass, render + PNG24", 10,
        i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:2180", 20.66 + i * 1e-4, 52.01,
            21.36 + i * 1e-4, 52.44, 1024, 1024), group, Color.WHITE, true, true).image()));
    time("group threats Warsaw 48 km 1024² EPSG:2180, each layer its own pass, render + PNG24", 5,
        i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:2180", 20.76 + i * 1e-4, 52.01,
            21.46 + i * 1e-4, 52.44, 1024, 1024), group, Color.WHITE, true, false).image()));
    // The two views the 5 M benchmark found slowest for the group: 250 km around Warsaw (zoom 9, past
    // the per-category aggregates) and 2 km in Gdańsk (single reports).
    time("group threats Warsaw 250 km 1024² EPSG:3857, one shared pass, render + PNG24", Integer.getInteger("runs", 10),
        i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:3857", 19.18 + i * 1e-4, 51.10,
            22.82 + i * 1e-4, 53.35, 1024, 1024), group, Color.WHITE, true, true).image()));
    time("group threats Warsaw 125 km 1024² EPSG:3857, one shared pass, render + PNG24", Integer.getInteger("runs", 10),
        i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:3857", 20.10 + i * 1e-4, 51.66,
            21.92 + i * 1e-4, 52.78, 1024, 1024), group, Color.WHITE, true, true).image()));
    time("group threats Warsaw 250 km 1024² EPSG:3857, each layer its own pass, render + PNG24",
        Integer.getInteger("runs", 10), i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:3857",
            19.38 + i * 1e-4, 51.10, 23.02 + i * 1e-4, 53.35, 1024, 1024), group, Color.WHITE, true, false).image()));
    time("group threats Gdańsk 2 km 1024² EPSG:3857, each layer its own pass, render + PNG24", 10,
        i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:3857", 18.640 + i * 1e-5, 54.340,
            18.671 + i * 1e-5, 54.358, 1024, 1024), group, Color.WHITE, true, false).image()));
    time("group threats Gdańsk 2 km 1024² EPSG:3857, one shared pass, render + PNG24", 10,
        i -> ImageFormats.png24(r.renderWithLabels(RenderFixtures.view("EPSG:3857", 18.630 + i * 1e-5, 54.340,
            18.661 + i * 1e-5, 54.358, 1024, 1024), group, Color.WHITE, true, true).image()));
    for (LayerRequest l : group) {
      time("layer of the group alone Warsaw 250 km 1024² EPSG:3857, render only: " + l.layer().id(), 5,
          i -> r.render(RenderFixtures.view("EPSG:3857", 19.28 + i * 1e-4, 51.10, 22.92 + i * 1e-4, 53.35,
            1024, 1024), List.of(l), Color.WHITE, true));
    }
    for (LayerRequest l : group) {
      time("layer of the group alone national 1024² EPSG:3857, render only: " + l.layer().id(), 5,
          i -> r.render(shifted("EPSG:3857", i + 100, 1024), List.of(l), Color.WHITE, true));
    }
    List<LayerRequest> categoryGroups = group.stream()
        .filter(l -> l.layer().kind() == pl.kmzb.layer.LayerKind.CATEGORY_GROUP).toList();
    time("the group's category groups national 1024² EPSG:3857, one shared pass, render only", 10,
        i -> r.renderWithLabels(shifted("EPSG:3857", i + 200, 1024), categoryGroups, Color.WHITE, true, true));
    time("the group's category groups national 1024² EPSG:3857, each its own pass, render only", 5,
        i -> r.renderWithLabels(shifted("EPSG:3857", i + 300, 1024), categoryGroups, Color.WHITE, true, false));
    time("the group's category groups Warsaw 48 km 1024² EPSG:2180, one shared pass, render only", 10,
        i -> r.renderWithLabels(RenderFixtures.view("EPSG:2180", 20.66 + i * 1e-4, 52.01, 21.36 + i * 1e-4, 52.44,
            1024, 1024), categoryGroups, Color.WHITE, true, true));
    time("the group's category groups Warsaw 48 km 1024² EPSG:2180, each its own pass, render only", 10,
        i -> r.renderWithLabels(RenderFixtures.view("EPSG:2180", 20.76 + i * 1e-4, 52.01, 21.46 + i * 1e-4, 52.44,
            1024, 1024), categoryGroups, Color.WHITE, true, false));
    for (LayerRequest l : group) {
      time("layer of the group alone Warsaw 48 km 1024² EPSG:2180, render only: " + l.layer().id(), 5,
          i -> r.render(RenderFixtures.view("EPSG:2180", 20.86 + i * 1e-4, 52.01, 21.56 + i * 1e-4, 52.44,
            1024, 1024), List.of(l), Color.WHITE, true));
    }
    time("one category layer national 1024² EPSG:3857, render + PNG24", 10,
        i -> ImageFormats.png24(r.render(shifted("EPSG:3857", i, 1024), List.of(oneCategory), Color.WHITE, true)));
    time("one category-group layer national 1024² EPSG:3857, render + PNG24", 10,
        i -> ImageFormats.png24(r.render(shifted("EPSG:3857", i, 1024), List.of(oneGroup), Color.WHITE, true)));
    time("tile 256² EPSG:3857 at zoom 8 over Kraków, render + PNG8", 50,
        i -> ImageFormats.png8(r.render(RenderFixtures.view("EPSG:3857", 18.28 + i * 1e-4, 49.84, 19.69 + i * 1e-4,
            50.74, 256, 256), List.of(clusters), Color.WHITE, true)));
  }

  interface Job {
    Object run(int i) throws Exception;
  }

  private static MapView shifted(String crs, int i, int size) {
    double d = i * 0.001;
    return RenderFixtures.view(crs, 14.0 + d, 49.0, 24.2 + d, 54.9, size, size);
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();

  /**
   * Wall time and the thread's CPU time (a map is drawn on one thread): on a machine shared with
   * other builds the CPU time is what the map costs, the wall time what a client would wait.
   */
  private static void time(String what, int runs, Job job) throws Exception {
    String only = System.getProperty("only");
    if (only != null && Arrays.stream(only.split("\\|")).noneMatch(what::contains)) {
      return;
    }
    List<Double> ms = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long c = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      job.run(i);
      ms.add((System.nanoTime() - t) / 1e6);
      cpu.add((THREADS.getCurrentThreadCpuTime() - c) / 1e6);
    }
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] cpuSorted = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("%-75s wall: first %6.1f, median %6.1f, p90 %6.1f ms | cpu: first %6.1f, median %6.1f, p90"
        + " %6.1f ms (%d runs)%n", what, ms.get(0), sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
        cpu.get(0), cpuSorted[cpuSorted.length / 2], cpuSorted[(int) (cpuSorted.length * 0.9)], runs);
    Arrays.fill(sorted, 0);
  }
}
