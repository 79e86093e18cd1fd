package pl.kmzb.reports;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.time.LocalDate;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Attachment;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.TimeOfDay;
import pl.kmzb.visibility.PublicReport;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The JSON shapes of a report. The public view is what anyone may see; the police view adds what
 * officers need. The public view is built only from what {@link VisibilityPolicy} shows: never the
 * reporter's address, the source, attachments, an unpublished description or the exact spot of a
 * generalised category.
 */
final class ReportViews {
  static final String NOTICE = "Mapa nie służy do powiadamiania o zdarzeniach wymagających natychmiastowej"
      + " interwencji: w nagłych wypadkach dzwoń na numer alarmowy 112. / The map is not for emergencies:"
      + " in an emergency call 112.";

  private final CategoryCatalog catalog;
  private final VisibilityPolicy policy;
  private final Clock clock;

  ReportViews(CategoryCatalog catalog, VisibilityPolicy policy, Clock clock) {
    this.catalog = catalog;
    this.policy = policy;
    this.clock = clock;
  }

  /** True if anonymous callers may see this report at all (the one visibility policy decides). */
  boolean isPublic(Report r) {
    return policy.isPublic(r);
  }

  /** The public view: only what {@link VisibilityPolicy#show} gives; the report must be public. */
  Map<String, Object> publicView(Report r) {
    PublicReport p = policy.show(r);
    if (p == null) {
      throw new IllegalArgumentException("report " + r.id() + " is not public");
    }
    Map<String, Object> v = common(p.id(), p.category(), p.status(), p.reportedAt(), p.occurredOn(), p.timeOfDay());
    v.put("location", location(p.location(), p.generalisedToMetres()));
    if (p.description() != null) {
      v.put("description", p.description());
    }
    v.put("notice", NOTICE);
    return v;
  }

  /** The police view; {@code attachments} null leaves them out (lists), so a page costs one query. */
  Map<String, Object> policeView(Report r, List<Attachment> attachments, Actor viewer) {
    Map<String, Object> v = common(r.id(), r.category(), r.status(), r.reportedAt(), r.occurredOn(), r.timeOfDay());
    v.put("location", location(r.location(), 0));
    v.put("description", r.description());
    v.put("descriptionPublic", r.descriptionPublic());
    v.put("source", r.source().code());
    v.put("teryt", teryt(r));
    v.put("externalId", r.externalId());
    v.put("deleted", r.deleted());
    v.put("pastDeadline", r.isPastDeadline(clock.instant()));
    v.put("synthetic", r.synthetic());
    v.put("version", r.version());
    v.put("updatedAt", r.updatedAt());
    if (attachments != null) {
      v.put("attachments", attachments.stream().map(a -> Map.of("n", a.n(), "fileName", a.fileName(), "mediaType",
        a.mediaType(), "size", a.size(), "sha256", a.sha256(),
        "href", "/api/reports/" + r.id() + "/attachments/" + a.n())).toList());
    }
    if (viewer.role() == Role.ADMINISTRATOR && r.reporterIp() != null) {
      v.put("reporterIp", r.reporterIp());
    }
    return v;
  }

  private Map<String, Object> common(long id, String category, Status status, Instant reportedAt,
      LocalDate occurredOn, TimeOfDay timeOfDay) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("category", category);
    catalog.find(category).ifPresent(c -> {
      v.put("categoryName", Map.of("pl", c.namePl(), "en", c.nameEn()));
    });
    v.put("status", status.code());
    v.put("statusName", status.labelPl());
    v.put("reportedAt", reportedAt);
    v.put("occurredOn", occurredOn);
    v.put("timeOfDay", timeOfDay == null ? null : timeOfDay.code());
    return v;
  }

  private static Map<String, Object> location(LonLat p, int generalisedToMetres) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("lon", p.lon());
    v.put("lat", p.lat());
    if (generalisedToMetres > 0) {
      v.put("generalisedToMetres", generalisedToMetres);
    }
    return v;
  }

  private static Map<String, Object> teryt(Report r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("voivodeship", r.teryt().voivodeship());
    v.put("county", r.teryt().county());
    v.put("municipality", r.teryt().municipality());
    return v;
  }

  /** Strong ETag of one version of a report. */
  static String etag(Report r) {
    return "\"" + r.id() + "-" + r.version() + "\"";
  }
}
