package pl.kmzb.reports;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.LonLat;
import pl.kmzb.visibility.LocationGeneraliser;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Attachment;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;

/**
 * The JSON shapes of a report. The public view is what anyone may see; the police view adds what
 * officers need. Privacy rules live here, in one place: the public never sees the reporter's
 * address, attachments, an unpublished description or the exact spot of a generalised category.
 */
final class ReportViews {
  static final String NOTICE = "Mapa nie służy do powiadamiania o zdarzeniach wymagających natychmiastowej"
      + " interwencji: w nagłych wypadkach dzwoń na numer alarmowy 112. / The map is not for emergencies:"
      + " in an emergency call 112.";

  private final CategoryCatalog catalog;
  private final Clock clock;

  ReportViews(CategoryCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** True if anonymous callers may see this report at all. */
  boolean isPublic(Report r) {
    if (!r.isPubliclyListed()) {
      return false;
    }
    Category c = catalog.find(r.category()).orElse(null);
    return c == null || !c.rules().publicOnlyWhenConfirmed() || r.status().isConfirmed();
  }

  Map<String, Object> publicView(Report r) {
    Map<String, Object> v = common(r);
    int generalise = catalog.find(r.category()).map(c -> c.rules().generaliseLocationM()).orElse(0);
    LonLat p = LocationGeneraliser.generalise(r.location(), generalise);
    v.put("location", location(p, generalise));
    if (r.descriptionPublic() && r.description() != null) {
      v.put("description", r.description());
    }
    v.put("notice", NOTICE);
    return v;
  }

  /** The police view; {@code attachments} null leaves them out (lists), so a page costs one query. */
  Map<String, Object> policeView(Report r, List<Attachment> attachments, Actor viewer) {
    Map<String, Object> v = common(r);
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

  private Map<String, Object> common(Report r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", r.id());
    v.put("category", r.category());
    catalog.find(r.category()).ifPresent(c -> {
      v.put("categoryName", Map.of("pl", c.namePl(), "en", c.nameEn()));
    });
    v.put("status", r.status().code());
    v.put("statusName", r.status().labelPl());
    v.put("reportedAt", r.reportedAt());
    v.put("occurredOn", r.occurredOn());
    v.put("timeOfDay", r.timeOfDay() == null ? null : r.timeOfDay().code());
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
