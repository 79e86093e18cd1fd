package pl.kmzb.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import pl.kmzb.geo.LonLat;

/**
 * A stored threat report, as committed. Immutable: every change produces a new version.
 *
 * @param version increases with every committed change; the basis of ETags and If-Match
 * @param descriptionPublic set by an officer; a description may hold names or plates until then
 * @param reporterIp kept only for abuse control; never in public output or the access log
 * @param synthetic true for generated demo data, so it can never be mistaken for real reports
 */
public record Report(
    long id,
    String category,
    Status status,
    LonLat location,
    Instant reportedAt,
    LocalDate occurredOn,
    TimeOfDay timeOfDay,
    String description,
    boolean descriptionPublic,
    Source source,
    Teryt teryt,
    String externalId,
    boolean deleted,
    String reporterIp,
    boolean synthetic,
    Instant updatedAt,
    long version) {

  /** KMZB rule: a local coordinator takes up every new report within 3 days. */
  public static final Duration TAKE_UP_DEADLINE = Duration.ofHours(72);

  public Report {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(updatedAt, "updatedAt");
    teryt = teryt == null ? Teryt.NONE : teryt;
  }

  /** A report still "Nowe" more than 72 hours after it came in is past its take-up deadline. */
  public boolean isPastDeadline(Instant now) {
    return status == Status.NEW && now.isAfter(reportedAt.plus(TAKE_UP_DEADLINE));
  }

  /** Visible in public outputs at all (before category rules such as "public only once confirmed"). */
  public boolean isPubliclyListed() {
    return !deleted && status.isPublic();
  }
}
