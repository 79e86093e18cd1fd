package pl.kmzb.cluster;

import java.util.List;
import java.util.SplittableRandom;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.tiles.WebMercatorQuad;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Cluster indexes for the renderer's tests and measurements, built as the report plugin builds
 * its own (a bulk build of public entries), in this package because the bulk build is internal.
 */
public final class TestIndexes {
  private TestIndexes() {}

  /** An index and its public points, holding {@code reports} as the public sees them. */
  public record Built(ClusterIndex index, PublicPoints points) {}

  public static Built of(CategoryCatalog catalog, VisibilityPolicy policy, List<Report> reports) {
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    PublicPoints points = new PublicPoints(catalog, policy, WebMercatorQuad.INSTANCE, index);
    EntryColumns cols = new EntryColumns(reports.size());
    for (Report r : reports) {
      IndexEntry e = points.entryOf(r);
      if (e != null) {
        cols.add(e);
      }
    }
    index.build(cols);
    return new Built(index, points);
  }

  /**
   * {@code n} synthetic public entries over Poland, most around a few cities (as real reports lie),
   * without a Report object per entry: for measuring national maps at millions of reports.
   */
  public static Built synthetic(CategoryCatalog catalog, VisibilityPolicy policy, int n, long seed,
      java.util.function.BiFunction<Double, Double, Teryt> areasOf) {
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    PublicPoints points = new PublicPoints(catalog, policy, WebMercatorQuad.INSTANCE, index);
    double[][] cities = {{21.01, 52.23}, {19.94, 50.06}, {17.03, 51.11}, {18.65, 54.35}, {16.93, 52.41},
        {19.46, 51.76}, {22.57, 51.25}, {19.02, 50.26}, {14.55, 53.43}, {23.16, 53.13}};
    SplittableRandom rnd = new SplittableRandom(seed);
    EntryColumns cols = new EntryColumns(n);
    int none = index.areas().indexOf(Teryt.NONE);
    int categories = catalog.all().size();
    List<Status> statuses = List.of(Status.NEW, Status.VERIFICATION, Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER,
        Status.CONFIRMED_ELIMINATED);
    long t0 = 1_600_000_000_000_000_000L;
    for (int i = 0; i < n; i++) {
      double lon;
      double lat;
      if (rnd.nextInt(10) < 7) {
        double[] c = cities[rnd.nextInt(cities.length)];
        lon = c[0] + gauss(rnd) * 0.15;
        lat = c[1] + gauss(rnd) * 0.1;
      } else {
        lon = 14.3 + rnd.nextDouble() * 9.7;
        lat = 49.1 + rnd.nextDouble() * 5.6;
      }
      cols.add(new IndexEntry(i + 1, WebMercatorQuad.INSTANCE.worldX(lon, lat), WebMercatorQuad.INSTANCE.worldY(lon, lat),
          rnd.nextInt(categories), statuses.get(rnd.nextInt(statuses.size())).ordinal(), 0,
          t0 + rnd.nextLong(100_000_000_000_000_000L),
          areasOf == null ? none : index.areas().indexOf(areasOf.apply(lon, lat))));
    }
    index.build(cols);
    return new Built(index, points);
  }

  /** Adds one public entry (category 0, status new, now) to a built index, as a change to the store would. */
  public static void add(Built b, long id, double lon, double lat, Teryt areas) {
    b.index().put(new IndexEntry(id, WebMercatorQuad.INSTANCE.worldX(lon, lat), WebMercatorQuad.INSTANCE.worldY(lon, lat),
        0, Status.NEW.ordinal(), 0, System.currentTimeMillis() * 1_000_000L, b.index().areas().indexOf(areas)));
  }

  private static double gauss(SplittableRandom rnd) {
    double u = Math.max(1e-12, rnd.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
