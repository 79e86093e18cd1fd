package pl.kmzb.analytics;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.roads.Road;

/**
 * The road network in EPSG:2180 metres, ready to snap points to: every straight piece of every road
 * in one STR-tree, each knowing its road, the part of the road it lies on and the chainage (metres
 * along the road) where it starts. A road's chainage runs along its parts one after the other, so a
 * road of two disjoint parts of 10 km each has chainages 0–10,000 and 10,000–20,000; segments of the
 * analysis never cross from one part to the next ({@link #partStart}, {@link #partEnd}). Immutable
 * once built: any number of threads snap at once.
 */
public final class RoadNetwork {
  /** Where a point lies on the network: the road (index into {@link #roads()}), its part, the chainage and the distance. */
  public record Snap(int road, int part, double chainage, double distance) {}

  /** One straight piece of a road. */
  private record Piece(int road, int part, double x0, double y0, double x1, double y1, double start) {}

  private final List<Road> roads;
  private final List<double[]> partStarts = new ArrayList<>();
  private final List<double[]> partEnds = new ArrayList<>();
  private final List<LineString[]> courses = new ArrayList<>();
  private final STRtree tree = new STRtree();
  private final long version;

  /** Builds the network of {@code roads} (lon/lat) for network {@code version}. */
  public RoadNetwork(List<Road> roads, long version, CrsTransform to2180) {
    this.roads = List.copyOf(roads);
    this.version = version;
    for (int r = 0; r < this.roads.size(); r++) {
      Geometry course = to2180.apply(this.roads.get(r).geometry());
      int parts = course.getNumGeometries();
      double[] starts = new double[parts];
      double[] ends = new double[parts];
      LineString[] lines = new LineString[parts];
      double at = 0;
      for (int p = 0; p < parts; p++) {
        lines[p] = (LineString) course.getGeometryN(p);
        starts[p] = at;
        Coordinate[] cs = lines[p].getCoordinates();
        for (int i = 1; i < cs.length; i++) {
          double len = cs[i - 1].distance(cs[i]);
          if (len > 0) {
            Piece piece = new Piece(r, p, cs[i - 1].x, cs[i - 1].y, cs[i].x, cs[i].y, at);
            tree.insert(new Envelope(cs[i - 1], cs[i]), piece);
            at += len;
          }
        }
        ends[p] = at;
      }
      partStarts.add(starts);
      partEnds.add(ends);
      courses.add(lines);
    }
    tree.build(); // built now, not lazily by the first query: queries from many threads then only read
  }

  public List<Road> roads() {
    return roads;
  }

  public long version() {
    return version;
  }

  /** The road's total length in metres along all its parts. */
  public double length(int road) {
    double[] ends = partEnds.get(road);
    return ends[ends.length - 1];
  }

  public double partStart(int road, int part) {
    return partStarts.get(road)[part];
  }

  public double partEnd(int road, int part) {
    return partEnds.get(road)[part];
  }

  /**
   * The nearest point of the network within {@code tolerance} metres of (x, y), or null. Ties in
   * distance go to the lower road index (roads are ordered by number), then the lower chainage, so the
   * answer never depends on the tree's order.
   */
  public Snap snap(double x, double y, double tolerance) {
    Nearest best = new Nearest(x, y, tolerance);
    tree.query(new Envelope(x - tolerance, x + tolerance, y - tolerance, y + tolerance), best);
    return best.piece == null ? null : new Snap(best.piece.road(), best.piece.part(), best.chainage, best.distance);
  }

  private static final class Nearest implements ItemVisitor {
    final double x;
    final double y;
    double distance;
    Piece piece;
    double chainage;

    Nearest(double x, double y, double tolerance) {
      this.x = x;
      this.y = y;
      this.distance = tolerance;
    }

    @Override
    public void visitItem(Object item) {
      Piece p = (Piece) item;
      double dx = p.x1() - p.x0();
      double dy = p.y1() - p.y0();
      double len2 = dx * dx + dy * dy;
      double t = Math.max(0, Math.min(1, ((x - p.x0()) * dx + (y - p.y0()) * dy) / len2));
      double px = p.x0() + t * dx;
      double py = p.y0() + t * dy;
      double d = Math.hypot(x - px, y - py);
      double c = p.start() + t * Math.sqrt(len2);
      if (d < distance || d == distance && (piece == null || p.road() < piece.road()
          || p.road() == piece.road() && c < chainage)) {
        distance = d;
        piece = p;
        chainage = c;
      }
    }
  }

  /**
   * The stretch of {@code road}'s part {@code part} between two chainages, in EPSG:2180, as a line
   * (the window never leaves its part, see {@link RoadSegments}).
   */
  public LineString stretch(int road, int part, double from, double to, GeometryFactory factory) {
    double start = partStart(road, part);
    return (LineString) new org.locationtech.jts.linearref.LengthIndexedLine(courses.get(road)[part])
        .extractLine(from - start, to - start);
  }
}
