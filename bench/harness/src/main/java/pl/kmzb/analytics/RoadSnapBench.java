package pl.kmzb.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.roads.Road;
import pl.kmzb.roads.RoadClass;

/**
 * Snapping POINTS points to a synthetic national network (issue 17, road segments): about 19,000 km
 * of national and 28,000 km of voivodeship roads (Poland's lengths) as random walks across the
 * EPSG:2180 extent of Poland with a vertex every 100 m, built into a {@link RoadNetwork} from lon/lat
 * like an import; then POINTS points, 80 % within 40 m of a road and 20 % anywhere, snapped with a
 * 50 m tolerance on one thread and on all of them, and the 5-km ranking of the snapped points
 * (RoadSegments.rank). Prints build time, snaps per second and the ranking's time. No store: this
 * measures the analysis, the store scan is AnalyticsBench's.
 *
 * <pre>java -cp kmzb-bench.jar pl.kmzb.analytics.RoadSnapBench [POINTS=1000000] [RUNS=3]</pre>
 */
public final class RoadSnapBench {
  private RoadSnapBench() {}

  public static void main(String[] args) {
    int points = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    CrsRegistry crs = CrsRegistry.standard();
    CrsTransform to2180 = crs.fromLonLat(crs.require("EPSG:2180"));
    CrsTransform toLonLat = crs.toLonLat(crs.require("EPSG:2180"));
    Random random = new Random(20261205);
    List<Road> roads = new ArrayList<>();
    roads.addAll(walks("DK", 95, 200_000, random, toLonLat));
    roads.addAll(walks("DW", 400, 70_000, random, toLonLat));
    long t0 = System.nanoTime();
    RoadNetwork network = new RoadNetwork(roads, 1, to2180);
    double km = IntStream.range(0, network.roads().size()).mapToDouble(network::length).sum() / 1000;
    System.out.printf("network: %d roads, %.0f km, built in %.2f s%n", roads.size(), km, (System.nanoTime() - t0) / 1e9);
    double[] xs = new double[points];
    double[] ys = new double[points];
    for (int i = 0; i < points; i++) {
      if (random.nextInt(5) == 0) {
        xs[i] = 170_000 + random.nextDouble() * 690_000;
        ys[i] = 130_000 + random.nextDouble() * 650_000;
      } else {
        int r = random.nextInt(roads.size());
        LineString l = (LineString) to2180.apply(roads.get(r).geometry().getGeometryN(0));
        Coordinate c = l.getCoordinateN(random.nextInt(l.getNumPoints()));
        double a = random.nextDouble() * 2 * Math.PI;
        double d = random.nextDouble() * 40;
        xs[i] = c.x + d * Math.cos(a);
        ys[i] = c.y + d * Math.sin(a);
      }
    }
    for (int run = 1; run <= runs; run++) {
      long s = System.nanoTime();
      RoadSegments.Incidents in = new RoadSegments.Incidents();
      for (int i = 0; i < points; i++) {
        RoadNetwork.Snap snap = network.snap(xs[i], ys[i], 50);
        if (snap != null) {
          in.add(snap.road(), snap.part(), snap.chainage());
        }
      }
      double one = (System.nanoTime() - s) / 1e9;
      long p = System.nanoTime();
      long snapped = IntStream.range(0, points).parallel().filter(i -> network.snap(xs[i], ys[i], 50) != null).count();
      double all = (System.nanoTime() - p) / 1e9;
      long k = System.nanoTime();
      List<RoadSegments.Segment> ranked = RoadSegments.rank(network, in, 5_000, 20, 10_000);
      double rank = (System.nanoTime() - k) / 1e9;
      System.out.printf("run %d: %,d points, %,d snapped; one thread %.2f s (%,.0f points/s); %d threads %.2f s"
          + " (%,.0f points/s); ranking %.3f s, %d segments with >= 20 in 5 km%n", run, points, in.count(), one,
          points / one, Runtime.getRuntime().availableProcessors(), all, points / all, rank, ranked.size());
      if (snapped != in.count()) {
        throw new IllegalStateException("parallel and serial snapping differ: " + snapped + " vs " + in.count());
      }
    }
  }

  /** {@code count} roads of about {@code metres} each: random walks in 100-m steps that turn a little each step. */
  private static List<Road> walks(String prefix, int count, double metres, Random random, CrsTransform toLonLat) {
    GeometryFactory f = new GeometryFactory();
    List<Road> out = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      double x = 220_000 + random.nextDouble() * 590_000;
      double y = 180_000 + random.nextDouble() * 550_000;
      double heading = random.nextDouble() * 2 * Math.PI;
      int steps = (int) (metres / 100 * (0.5 + random.nextDouble()));
      Coordinate[] cs = new Coordinate[steps + 1];
      for (int i = 0; i <= steps; i++) {
        double[] ll = toLonLat.apply(x, y);
        cs[i] = new Coordinate(ll[0], ll[1]);
        heading += (random.nextDouble() - 0.5) * 0.2;
        x = Math.min(860_000, Math.max(170_000, x + 100 * Math.cos(heading)));
        y = Math.min(780_000, Math.max(130_000, y + 100 * Math.sin(heading)));
      }
      String number = prefix + (r + 1);
      out.add(new Road(number, RoadClass.ofNumber(number),
          f.createMultiLineString(new LineString[] {f.createLineString(cs)})));
    }
    return out;
  }
}
