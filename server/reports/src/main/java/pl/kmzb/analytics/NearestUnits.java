package pl.kmzb.analytics;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.STRtree;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.unit.PoliceUnit;

/**
 * The police units in EPSG:2180 with a nearest-neighbour index (JTS STR-tree): which unit is nearest
 * to a point, and how far it is in straight-line metres on the PL-1992 plane (its scale error is
 * below 0.1 % over Poland, far below what a road network would change).
 */
public final class NearestUnits {
  /** A unit and where it is in EPSG:2180. */
  public record Site(PoliceUnit unit, double x, double y) {}

  /** The nearest unit to a point and its distance in metres. */
  public record Nearest(PoliceUnit unit, double metres) {}

  private final List<Site> sites;
  private final STRtree tree = new STRtree();
  private final double[] xs;
  private final double[] ys;
  private record Hashed(double radius, MaximalCovering.ThreatCells cells) {}

  /** Units hashed by cells of the last radius asked ({@link #anyWithin}); rebuilt when it changes. */
  private volatile Hashed hashed;

  public NearestUnits(List<PoliceUnit> units, CrsTransform to2180) {
    this.sites = units.stream().map(u -> {
      double[] xy = to2180.apply(u.location().lon(), u.location().lat());
      return new Site(u, xy[0], xy[1]);
    }).toList();
    this.xs = sites.stream().mapToDouble(Site::x).toArray();
    this.ys = sites.stream().mapToDouble(Site::y).toArray();
    for (Site s : sites) {
      tree.insert(new Envelope(s.x(), s.x(), s.y(), s.y()), s);
    }
    tree.build();
  }

  /**
   * Whether any unit lies within {@code radius} of (x, y): what covering needs, answered from a hash
   * of radius-sized cells (nine cells looked at) rather than a nearest-neighbour search.
   */
  public boolean anyWithin(double x, double y, double radius) {
    Hashed h = hashed;
    if (h == null || h.radius() != radius) {
      h = new Hashed(radius, new MaximalCovering.ThreatCells(xs, ys, xs.length, radius));
      hashed = h;
    }
    return h.cells().within(x, y, radius).length > 0;
  }

  public List<Site> sites() {
    return sites;
  }

  public boolean isEmpty() {
    return sites.isEmpty();
  }

  /** The nearest unit to (x, y), or null when there are no units. */
  public Nearest nearest(double x, double y) {
    if (sites.isEmpty()) {
      return null;
    }
    Site probe = new Site(null, x, y);
    Site s = (Site) tree.nearestNeighbour(new Envelope(x, x, y, y), probe, NearestUnits::distance);
    return new Nearest(s.unit(), Math.hypot(s.x() - x, s.y() - y));
  }

  private static double distance(ItemBoundable a, ItemBoundable b) {
    Site p = (Site) a.getItem();
    Site q = (Site) b.getItem();
    return Math.hypot(p.x() - q.x(), p.y() - q.y());
  }
}
