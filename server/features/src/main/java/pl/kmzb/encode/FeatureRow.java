package pl.kmzb.encode;

import java.time.Instant;
import java.time.LocalDate;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;
import pl.kmzb.visibility.PublicReport;

/**
 * One feature to write: a report as the public sees it ({@code shown} from
 * {@code VisibilityPolicy.show}, {@code report} null) or as the police see it ({@code report}, with
 * {@code shown} null). Public rows never carry the stored report, so no encoder can reach a field the
 * public may not see.
 *
 * @param now the instant deadlines are judged at (police view)
 */
public record FeatureRow(PublicReport shown, Report report, Instant now) {
  public FeatureRow {
    if ((shown == null) == (report == null)) {
      throw new IllegalArgumentException("a feature row is either public or police");
    }
  }

  public static FeatureRow ofPublic(PublicReport p) {
    return new FeatureRow(p, null, null);
  }

  public static FeatureRow ofPolice(Report r, Instant now) {
    return new FeatureRow(null, r, now);
  }

  public long id() {
    return shown != null ? shown.id() : report.id();
  }

  public LonLat location() {
    return shown != null ? shown.location() : report.location();
  }

  String category() {
    return shown != null ? shown.category() : report.category();
  }

  Status status() {
    return shown != null ? shown.status() : report.status();
  }

  Instant reportedAt() {
    return shown != null ? shown.reportedAt() : report.reportedAt();
  }

  LocalDate occurredOn() {
    return shown != null ? shown.occurredOn() : report.occurredOn();
  }

  TimeOfDay timeOfDay() {
    return shown != null ? shown.timeOfDay() : report.timeOfDay();
  }

  Integer generalisedToMetres() {
    return shown != null ? shown.generalisedToMetres() : 0;
  }

  Teryt areas() {
    return shown != null ? shown.areas() : report.teryt();
  }

  String description() {
    return shown != null ? shown.description() : report.description();
  }
}
