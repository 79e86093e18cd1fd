package pl.kmzb.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.SubmissionRejected;
import pl.kmzb.report.SubmissionRejected.Kind;
import pl.kmzb.report.SubmissionRejected.Problem;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;

/**
 * Checks a submission against the catalogue and the map and turns it into a {@link NewReport}.
 * Every bad field is reported at once, so a form can mark them all.
 */
public final class SubmissionValidator {
  private final CategoryCatalog catalog;
  private final Territory territory;
  private final Clock clock;

  /** @param territory decides whether a point is in Poland and assigns its TERYT codes */
  public SubmissionValidator(CategoryCatalog catalog, Territory territory, Clock clock) {
    this.catalog = catalog;
    this.territory = territory;
    this.clock = clock;
  }

  /** The report to store: status Nowe, reported now by the server clock, from {@code source}. */
  public NewReport validate(ReportSubmission s, Source source, String reporterAddress) {
    List<Problem> errors = new ArrayList<>();
    Category category = category(s.category(), errors);
    Double lon = number(s.lon(), "lon", -180, 180, errors);
    Double lat = number(s.lat(), "lat", -90, 90, errors);
    Teryt areas = lon == null || lat == null ? null : territory.locate(lon, lat);
    if (lon != null && lat != null && areas == null) {
      errors.add(new Problem("location", Kind.OUTSIDE_POLAND, "the point " + lon + ", " + lat + " is not in Poland"));
    }
    LocalDate occurredOn = occurredOn(s.occurredOn(), errors);
    TimeOfDay timeOfDay = timeOfDay(s.timeOfDay(), errors);
    String description = description(s.description(), errors);
    if (category != null && category.rules().descriptionRequired() && description == null) {
      errors.add(new Problem("description", Kind.MISSING, "category '" + category.code() + "' requires a description"));
    }
    if (!errors.isEmpty()) {
      throw new SubmissionRejected("the report is not valid", errors);
    }
    Instant now = clock.instant();
    LonLat point = new LonLat(lon, lat);
    return new NewReport(category.code(), Status.NEW, point, now, occurredOn, timeOfDay, description,
        source, areas, null, reporterAddress, false);
  }

  private Category category(JsonNode v, List<Problem> errors) {
    if (v == null || v.isNull()) {
      errors.add(new Problem("category", Kind.MISSING, "category is required"));
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new Problem("category", Kind.INVALID, "category must be a category code (text)"));
      return null;
    }
    Category c = catalog.find(v.asText()).orElse(null);
    if (c == null) {
      errors.add(new Problem("category", Kind.UNKNOWN_CATEGORY, "unknown category '" + v.asText() + "'"));
    } else if (!c.active()) {
      errors.add(new Problem("category", Kind.UNKNOWN_CATEGORY, "category '" + c.code() + "' no longer takes new reports"));
      return null;
    }
    return c;
  }

  private static Double number(JsonNode v, String field, double min, double max, List<Problem> errors) {
    if (v == null || v.isNull()) {
      errors.add(new Problem(field, Kind.MISSING, field + " is required"));
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
      errors.add(new Problem(field, Kind.INVALID, field + " must be a number from " + (int) min + " to " + (int) max));
      return null;
    }
    return v.asDouble();
  }

  private LocalDate occurredOn(JsonNode v, List<Problem> errors) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(v.asText());
      if (!v.isTextual() || d.isAfter(LocalDate.now(clock.withZone(FilterParser.WARSAW)))) {
        errors.add(new Problem("occurredOn", Kind.INVALID, "occurredOn must be a date (YYYY-MM-DD) not in the future"));
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.add(new Problem("occurredOn", Kind.INVALID, "occurredOn must be a date as YYYY-MM-DD"));
      return null;
    }
  }

  private static TimeOfDay timeOfDay(JsonNode v, List<Problem> errors) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return TimeOfDay.ofCode(v.isTextual() ? v.asText() : "");
    } catch (IllegalArgumentException e) {
      errors.add(new Problem("timeOfDay", Kind.INVALID, "timeOfDay must be one of morning, afternoon, evening, night"));
      return null;
    }
  }

  /** Plain text up to 500 characters: no control characters but line breaks and tabs. */
  private static String description(JsonNode v, List<Problem> errors) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new Problem("description", Kind.INVALID, "description must be text"));
      return null;
    }
    String text = v.asText().strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.codePointCount(0, text.length()) > NewReport.MAX_DESCRIPTION_LENGTH) {
      errors.add(new Problem("description", Kind.INVALID, "description is longer than " + NewReport.MAX_DESCRIPTION_LENGTH
          + " characters"));
      return null;
    }
    if (text.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
      errors.add(new Problem("description", Kind.INVALID, "description must be plain text without control characters"));
      return null;
    }
    return text;
  }
}
