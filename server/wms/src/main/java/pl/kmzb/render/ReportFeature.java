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
      case "source" -> report.source().code();
      case "past_deadline" -> report.isPastDeadline(now);
      default -> PublicReportFeature.single(name, report.id(), report.category(), category, language,
          report.status().code());
    };
  }
}
