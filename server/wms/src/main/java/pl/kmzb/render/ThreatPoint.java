package pl.kmzb.render;

import java.util.List;
import pl.kmzb.category.Category;
import pl.kmzb.cluster.ClusterFeature;
import pl.kmzb.report.Status;
import pl.kmzb.style.Feature;

/**
 * A cluster or a single report of the public index as a style sees it, at pixel (x, y) of the map
 * and lon/lat (lon, lat). Properties: {@code count}, {@code count_label}, {@code cluster}, and for a
 * single report {@code id}, {@code category}, {@code category_colour}, {@code category_icon},
 * {@code category_name}, {@code group}, {@code status}.
 */
final class ThreatPoint implements Feature {
  final ClusterFeature f;
  final double lon;
  final double lat;
  double x;
  double y;
  private final List<Category> categories;
  private final String language;

  ThreatPoint(ClusterFeature f, double lon, double lat, List<Category> categories, String language) {
    this.f = f;
    this.lon = lon;
    this.lat = lat;
    this.categories = categories;
    this.language = language;
  }

  Category category() {
    return f.isCluster() || f.category() < 0 ? null : categories.get(f.category());
  }

  @Override
  public Object property(String name) {
    Category c = category();
    return switch (name) {
      case "count" -> f.count();
      case "count_label" -> countLabel(f.count());
      case "cluster" -> f.isCluster();
      case "id" -> f.isCluster() ? null : f.id();
      case "category" -> c == null ? null : c.code();
      case "category_colour" -> c == null ? null : c.colour();
      case "category_icon" -> c == null ? null : c.icon();
      case "category_name" -> c == null ? null : "en".equals(language) ? c.nameEn() : c.namePl();
      case "group" -> c == null ? null : c.group();
      case "status" -> f.isCluster() || f.status() < 0 ? null : Status.values()[f.status()].code();
      default -> null;
    };
  }

  /** A count as a short label: 7, 950, 1.2k, 12k, 1.2M. */
  static String countLabel(int n) {
    if (n < 1000) {
      return Integer.toString(n);
    }
    if (n < 10_000) {
      return trim(n / 1000.0) + "k";
    }
    if (n < 1_000_000) {
      return (n / 1000) + "k";
    }
    return trim(n / 1_000_000.0) + "M";
  }

  private static String trim(double v) {
    double r = Math.floor(v * 10) / 10;
    return r == Math.floor(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
