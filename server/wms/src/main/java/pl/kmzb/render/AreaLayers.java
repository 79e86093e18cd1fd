package pl.kmzb.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.cluster.IndexFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.indicator.IndicatorMap;
import pl.kmzb.report.Teryt;
import pl.kmzb.style.Symbolizer;

/**
 * Administrative areas: the boundaries of one level, and the choropleth of public report counts
 * per area (counts from the cluster index at the reports' public positions, {@link AreaCounts};
 * outlines from the boundary index, simplified per scale).
 */
final class AreaLayers {

  private final ThreatLayers threats;
  private final Supplier<BoundaryIndex> boundaries;
  private volatile BoundaryShapes shapes;
  private final AreaCounts counts;

  AreaLayers(ThreatLayers threats, Supplier<BoundaryIndex> boundaries) {
    this.threats = threats;
    this.boundaries = boundaries;
    this.counts = new AreaCounts(threats.index());
  }

  void choropleth(Painter painter, Graphics2D g, ViewTransform vt, double scale, LayerRequest l) {
    BoundaryLevel level = BoundaryLevel.ofKey(l.layer().parameter());
    IndexFilter filter = threats.filter(l);
    Map<String, Integer> perArea = filter == null ? Map.of() : counts(filter, level);
    Symbolizer.RasterSymbolizer map = l.style().colorMap().orElse(null);
    for (Drawn d : shapes(vt, level)) {
      int count = perArea.getOrDefault(d.prepared.boundary().code(), 0);
      if (map != null) {
        Color c = ColorMaps.colour(map, count);
        if (c != null) {
          g.setColor(map.opacity() >= 1 ? c
              : new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(c.getAlpha() * map.opacity())));
          g.fill(d.shape);
        }
      }
      AreaFeature f = new AreaFeature(d.prepared.boundary(), count, current().areaKm2(d.prepared.boundary()));
      painter.shape(l.style(), scale, f, d.shape, d.labelX, d.labelY, count);
    }
  }

  /** The areas of an indicator map filled by their class (the style's rules read {@code shade}). */
  void indicator(Painter painter, ViewTransform vt, double scale, LayerRequest l, IndicatorMap map) {
    Map<String, Integer> rows = map.byCode();
    for (Drawn d : shapes(vt, map.level())) {
      painter.shape(l.style(), scale, indicatorFeature(d.prepared.boundary(), map, rows), d.shape, d.labelX, d.labelY,
          0);
    }
  }

  private static IndicatorFeature indicatorFeature(Boundary b, IndicatorMap map, Map<String, Integer> rows) {
    Integer i = rows.get(b.code());
    return i == null ? new IndicatorFeature(b, map, null, null)
        : new IndicatorFeature(b, map, map.rows().get(i), map.classes().classOfRow().get(i));
  }

  List<FeatureHit> indicatorHits(ViewTransform vt, LayerRequest l, double x, double y, int max, IndicatorMap map) {
    if (max == 0) {
      return List.of();
    }
    LonLat at = vt.lonLatOf(x, y);
    BoundaryIndex index = current().source();
    Teryt t = index.assign(at);
    String code = switch (map.level()) {
      case VOIVODESHIP -> t.voivodeship();
      case COUNTY -> t.county();
      case MUNICIPALITY -> t.municipality();
    };
    Boundary b = code == null ? null : index.find(code).orElse(null);
    if (b == null) {
      return List.of();
    }
    IndicatorFeature f = indicatorFeature(b, map, map.byCode());
    Map<String, Object> props = MapRenderer.properties(f, "code", "name", "level", "indicator", "period", "value",
        "population", "rate", "class");
    return List.of(new FeatureHit(l.layer().id(), map.level().key() + "." + code, props, at, Map.of(), Map.of()));
  }

  void boundaries(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    BoundaryLevel level = BoundaryLevel.ofKey(l.layer().parameter());
    for (Drawn d : shapes(vt, level)) {
      // Larger areas first for labels: the priority is the outline's extent on the map.
      double priority = d.shape.getBounds2D().getWidth() * d.shape.getBounds2D().getHeight();
      painter.shape(l.style(), scale, new AreaFeature(d.prepared.boundary(), 0, 0), d.shape, d.labelX, d.labelY,
          priority);
    }
  }

  List<FeatureHit> hits(ViewTransform vt, LayerRequest l, double x, double y, int max) {
    if (max == 0) {
      return List.of();
    }
    BoundaryLevel level = BoundaryLevel.ofKey(l.layer().parameter());
    LonLat at = vt.lonLatOf(x, y);
    BoundaryIndex index = current().source();
    Teryt t = index.assign(at);
    String code = switch (level) {
      case VOIVODESHIP -> t.voivodeship();
      case COUNTY -> t.county();
      case MUNICIPALITY -> t.municipality();
    };
    Boundary b = code == null ? null : index.find(code).orElse(null);
    if (b == null) {
      return List.of();
    }
    boolean counted = l.layer().kind() == pl.kmzb.layer.LayerKind.AREA_COUNTS;
    IndexFilter filter = counted ? threats.filter(l) : null;
    int count = filter == null ? 0 : counts(filter, level).getOrDefault(code, 0);
    AreaFeature f = new AreaFeature(b, count, counted ? current().areaKm2(b) : 0);
    Map<String, Object> props = counted ? MapRenderer.properties(f, "code", "name", "level", "count", "density")
        : MapRenderer.properties(f, "code", "name", "level");
    return List.of(new FeatureHit(l.layer().id(), level.key() + "." + code, props, at, Map.of(), Map.of()));
  }

  private record Drawn(BoundaryShapes.Prepared prepared, Shape shape, double labelX, double labelY) {}

  private List<Drawn> shapes(ViewTransform vt, BoundaryLevel level) {
    double degreesPerPixel = vt.lonLatBounds().width() / vt.view().width();
    List<BoundaryShapes.Prepared> found = current().query(level, vt.lonLatBounds(), degreesPerPixel);
    double[] labels = new double[found.size() * 2];
    for (int i = 0; i < found.size(); i++) {
      labels[2 * i] = found.get(i).labelPoint().x;
      labels[2 * i + 1] = found.get(i).labelPoint().y;
    }
    vt.toPixels(labels, found.size());
    List<Drawn> out = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      out.add(new Drawn(found.get(i), vt.shape(found.get(i).geometry()), labels[2 * i], labels[2 * i + 1]));
    }
    return out;
  }

  private BoundaryShapes current() {
    BoundaryIndex index = boundaries.get();
    BoundaryShapes s = shapes;
    if (s == null || s.source() != index) {
      synchronized (this) {
        s = shapes;
        if (s == null || s.source() != index) {
          s = new BoundaryShapes(index);
          shapes = s;
        }
      }
    }
    return s;
  }

  /** Public reports per area code ({@link AreaCounts}: computed ahead when kept current). */
  private Map<String, Integer> counts(IndexFilter filter, BoundaryLevel level) {
    return counts.get(filter, level);
  }

  AreaCounts areaCounts() {
    return counts;
  }
}
