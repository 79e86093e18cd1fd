package pl.kmzb.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pl.kmzb.analytics.CandidateSiteLayer;
import pl.kmzb.geo.LonLat;
import pl.kmzb.style.Feature;

/**
 * The candidate-site layer (police only): each pick of the current ranking
 * ({@link CandidateSiteLayer}, computed once per data version, never per map) as a point whose style
 * reads the API's columns; GetFeatureInfo answers the sites within the tolerance of the pixel (plus
 * the radius of the largest mark the shipped style draws), nearest first.
 */
final class CandidateSiteLayers {
  /** Half the largest mark of {@code styles/candidate-sites.sld}, in pixels: a click on the mark hits. */
  static final double HALF_MARK = 10;

  private volatile Supplier<CandidateSiteLayer.Snapshot> sites = () -> {
    throw new IllegalStateException("no candidate-site data on this server");
  };

  void source(Supplier<CandidateSiteLayer.Snapshot> sites) {
    this.sites = sites;
  }

  void draw(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    List<CandidateSiteLayer.Site> all = new ArrayList<>(sites.get().sites());
    // The best drawn last, on top where two marks overlap; its label wins a collision.
    all.sort(Comparator.comparingInt(CandidateSiteLayer.Site::rank).reversed());
    double[] xy = positions(vt, all);
    for (int i = 0; i < all.size(); i++) {
      CandidateSiteLayer.Site s = all.get(i);
      painter.point(l.style(), scale, new SiteFeature(s), xy[2 * i], xy[2 * i + 1], all.size() - s.rank() + 1);
    }
  }

  List<FeatureHit> hits(ViewTransform vt, LayerRequest l, double x, double y, int tolerancePx, int max) {
    List<CandidateSiteLayer.Site> all = sites.get().sites();
    double[] xy = positions(vt, all);
    List<Integer> near = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (Math.hypot(xy[2 * i] - x, xy[2 * i + 1] - y) <= tolerancePx + HALF_MARK) {
        near.add(i);
      }
    }
    List<FeatureHit> out = new ArrayList<>();
    for (int i : MapRenderer.nearest(near, Comparator.comparingDouble(k -> Math.hypot(xy[2 * k] - x,
        xy[2 * k + 1] - y)), max)) {
      CandidateSiteLayer.Site s = all.get(i);
      Map<String, Object> props = MapRenderer.properties(new SiteFeature(s),
          CandidateSiteLayer.COLUMNS.toArray(String[]::new));
      out.add(new FeatureHit(l.layer().id(), s.id(), props, new LonLat(s.lon(), s.lat()), Map.of(), Map.of()));
    }
    return out;
  }

  private static double[] positions(ViewTransform vt, List<CandidateSiteLayer.Site> all) {
    double[] xy = new double[2 * all.size()];
    for (int i = 0; i < all.size(); i++) {
      xy[2 * i] = all.get(i).lon();
      xy[2 * i + 1] = all.get(i).lat();
    }
    vt.toPixels(xy, all.size());
    return xy;
  }

  /** A site as a style and GetFeatureInfo see it: the columns of {@code /api/analytics/candidates}. */
  record SiteFeature(CandidateSiteLayer.Site site) implements Feature {
    @Override
    public Object property(String name) {
      return site.value(name);
    }
  }
}
