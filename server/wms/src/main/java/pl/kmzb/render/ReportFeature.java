package pl.kmzb.render;

import java.time.Instant;
import pl.kmzb.category.Category;
import pl.kmzb.report.Report;
import pl.kmzb.style.Feature;

/**
 * A report at its exact position, for police maps only: {@code id}, {@code category} (with
 * colour, icon, name and group), {@code status}, {@code source} and {@code past_deadline}.
 */
record ReportFeature(Report report, Category category, String language, Instant now) implements Feature {
  @Override
  public Object property(String name) {
    return switch (name) {
      case "id" -> report.id();
      case "count" -> 1;
      case "count_label" -> "1";
      case "cluster" -> false;
      case "category" -> report.category();
      case "category_colour" -> category == null ? null : category.colour();
      case "category_icon" -> category == null ? null : category.icon();
      case "category_name" -> category == null ? report.category() : "en".equals(language) ? category.nameEn()
          : category.namePl();
      case "group" -> category == null ? null : category.group();
      case "status" -> report.status().code();
      case "source" -> report.source().code();
      case "past_deadline" -> report.isPastDeadline(now);
      default -> null;
    };
  }
}
