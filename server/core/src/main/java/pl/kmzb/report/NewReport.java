package pl.kmzb.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import pl.kmzb.geo.LonLat;

/**
 * A report about to be stored. {@code reportedAt} is the server clock at ingest (or the police
 * system's timestamp on import); the store assigns id and version.
 */
public record NewReport(
    String category,
    Status status,
    LonLat location,
    Instant reportedAt,
    LocalDate occurredOn,
    TimeOfDay timeOfDay,
    String description,
    Source source,
    Teryt teryt,
    String externalId,
    String reporterIp,
    boolean synthetic) {

  public static final int MAX_DESCRIPTION_LENGTH = 500;

  public NewReport {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(source, "source");
    teryt = teryt == null ? Teryt.NONE : teryt;
    if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
      throw new IllegalArgumentException("description longer than " + MAX_DESCRIPTION_LENGTH + " characters");
    }
  }

  /** A citizen's or officer's fresh report: status "Nowe", nothing else known yet. */
  public static NewReport of(String category, LonLat location, Instant reportedAt, Source source) {
    return new NewReport(category, Status.NEW, location, reportedAt, null, null, null, source,
        Teryt.NONE, null, null, false);
  }

  public NewReport withExternalId(String id) {
    return new NewReport(category, status, location, reportedAt, occurredOn, timeOfDay, description,
        source, teryt, id, reporterIp, synthetic);
  }

  public NewReport withStatus(Status s) {
    return new NewReport(category, s, location, reportedAt, occurredOn, timeOfDay, description,
        source, teryt, externalId, reporterIp, synthetic);
  }
}
