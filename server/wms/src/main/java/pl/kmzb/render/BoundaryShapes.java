package pl.kmzb.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.crs.Bounds;

/**
 * The loaded boundaries ready to draw: an STR-tree per level for the view's extent, and each
 * outline simplified for the map's pixel size (tolerances in powers of two, so maps of similar
 * scale share them), kept in a cache bounded by vertices. Built for one {@link BoundaryIndex}; the
 * renderer makes a new one when an import swaps the index.
 */
final class BoundaryShapes {
  /** Vertices of simplified outlines kept at most (about 16 bytes each with JTS's coordinates). */
  private static final long MAX_VERTICES = 4_000_000;

  private final BoundaryIndex source;
  private final Map<BoundaryLevel, STRtree> trees = new EnumMap<>(BoundaryLevel.class);
  private final Cache<Key, Prepared> simplified = Caffeine.newBuilder().maximumWeight(MAX_VERTICES)
      .weigher((Key k, Prepared p) -> p.geometry.getNumPoints()).build();

  private final Map<String, Double> areasKm2 = new java.util.concurrent.ConcurrentHashMap<>();

  private record Key(String code, int toleranceExponent) {}

  /** An outline simplified for a scale, and where its label goes. */
  record Prepared(Boundary boundary, Geometry geometry, Coordinate labelPoint) {}

  BoundaryShapes(BoundaryIndex source) {
    this.source = source;
    for (Boundary b : source.all()) {
      trees.computeIfAbsent(b.level(), l -> new STRtree()).insert(b.geometry().getEnvelopeInternal(), b);
    }
    trees.values().forEach(STRtree::build);
  }

  BoundaryIndex source() {
    return source;
  }

  /** The boundaries of {@code level} meeting the lon/lat extent, simplified for {@code degreesPerPixel}. */
  List<Prepared> query(BoundaryLevel level, Bounds lonLat, double degreesPerPixel) {
    STRtree tree = trees.get(level);
    if (tree == null) {
      return List.of();
    }
    int exponent = (int) Math.floor(Math.log(Math.max(1e-9, degreesPerPixel / 2)) / Math.log(2));
    double tolerance = Math.pow(2, exponent);
    List<Prepared> out = new ArrayList<>();
    for (Object o : tree.query(new Envelope(lonLat.minX(), lonLat.maxX(), lonLat.minY(), lonLat.maxY()))) {
      Boundary b = (Boundary) o;
      out.add(simplified.get(new Key(b.code(), exponent), k -> prepare(b, tolerance)));
    }
    out.sort((a, c) -> a.boundary().code().compareTo(c.boundary().code()));
    return out;
  }

  /**
   * The area's size in km²: each polygon's area in square degrees scaled at its centroid's latitude
   * (a spherical approximation; within a fraction of a percent for Polish areas), computed once.
   */
  double areaKm2(Boundary b) {
    return areasKm2.computeIfAbsent(b.code(), c -> {
      double kmPerDegree = 6371.0088 * Math.PI / 180;
      double total = 0;
      for (int i = 0; i < b.geometry().getNumGeometries(); i++) {
        Geometry part = b.geometry().getGeometryN(i);
        double lat = part.getCentroid().getY();
        total += part.getArea() * kmPerDegree * kmPerDegree * Math.cos(Math.toRadians(lat));
      }
      return total;
    });
  }

  private static Prepared prepare(Boundary b, double tolerance) {
    Geometry g = DouglasPeuckerSimplifier.simplify(b.geometry(), tolerance);
    Coordinate label = b.geometry().getInteriorPoint().getCoordinate();
    return new Prepared(b, g, label);
  }
}
