package pl.kmzb.filter;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;

/**
 * The CRS a filter's geometry literals are written in, and how they become the AST's lon/lat
 * (east, north): coordinates are swapped first where the protocol reads this CRS north first
 * ({@link AxisOrder}), then transformed. Parsers call {@link #toLonLat} before they build the tree.
 *
 * @param crs the declared CRS
 * @param northFirst whether the written coordinates are north (latitude, northing) first
 * @param toLonLat the transform to lon/lat (identity for the lon/lat CRSs)
 */
public record FilterCrs(Crs crs, boolean northFirst, CrsTransform toLonLat) {
  /** The literals' CRS for a protocol, spelled as the request spelled it. */
  public static FilterCrs of(CrsRegistry registry, String identifier, AxisOrder.Protocol protocol) {
    Crs crs = registry.require(identifier);
    return new FilterCrs(crs, AxisOrder.northFirst(crs, identifier, protocol), registry.toLonLat(crs));
  }

  /** CRS84, longitude first: the default of CQL2 (OGC API Features Part 3). */
  public static FilterCrs crs84(CrsRegistry registry) {
    return new FilterCrs(registry.lonLat(), false, registry.toLonLat(registry.lonLat()));
  }

  /** The geometry as written, in lon/lat; a point the CRS cannot map is an error. */
  public Geometry toLonLat(Geometry asWritten) {
    Geometry g = asWritten.copy();
    if (northFirst) {
      g.apply(new CoordinateSequenceFilter() {
        @Override
        public void filter(CoordinateSequence seq, int i) {
          double x = seq.getX(i);
          seq.setOrdinate(i, 0, seq.getY(i));
          seq.setOrdinate(i, 1, x);
        }

        @Override
        public boolean isDone() {
          return false;
        }

        @Override
        public boolean isGeometryChanged() {
          return true;
        }
      });
    }
    Geometry out = toLonLat.apply(g);
    for (var c : out.getCoordinates()) {
      if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
        throw new FilterException("filter-crs", "a coordinate of the filter's geometry lies outside " + crs.code()
            + (northFirst ? " (read north first)" : " (read east first)"));
      }
    }
    return out;
  }
}
