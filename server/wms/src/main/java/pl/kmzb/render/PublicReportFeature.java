package pl.kmzb.render;

import pl.kmzb.category.Category;
import pl.kmzb.style.Feature;
import pl.kmzb.visibility.PublicReport;

/**
 * A single report as the public sees it (public position, no source), drawn when a public layer is
 * read from the store ({@link StoreScan}): the properties a single report of the cluster index has
 * ({@link ThreatPoint}), so the layer's style draws it the same way.
 */
record PublicReportFeature(PublicReport report, Category category, String language) implements Feature {
  @Override
  public Object property(String name) {
    return single(name, report.id(), report.category(), category, language, report.status().code());
  }

  /**
   * A property every single report has, in the public and the police view alike (the names of a
   * single report of the cluster index, {@link ThreatPoint}), or null.
   */
  static Object single(String name, long id, String categoryCode, Category category, String language,
      String status) {
    return switch (name) {
      case "id" -> id;
      case "count" -> 1;
      case "count_label" -> "1";
      case "cluster" -> false;
      case "category" -> categoryCode;
      case "category_colour" -> category == null ? null : category.colour();
      case "category_icon" -> category == null ? null : category.icon();
      case "category_name" -> category == null ? categoryCode : "en".equals(language) ? category.nameEn()
          : category.namePl();
      case "group" -> category == null ? null : category.group();
      case "status" -> status;
      default -> null;
    };
  }
}
