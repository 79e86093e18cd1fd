package pl.kmzb.reports;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.ingest.IngestService;
import pl.kmzb.ingest.SubmissionReader;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.StatusWorkflow;
import pl.kmzb.store.Page;
import pl.kmzb.store.RateLimitedException;
import pl.kmzb.store.ReportStore;

/**
 * {@code /api/reports}: citizens and officers submit reports; police users list, read, move,
 * publish and delete them. Every route of the report API is registered in {@link #register}.
 */
final class ReportEndpoints {
  private static final int MAX_PATCH_BYTES = 8 * 1024;
  private static final Set<String> LIST_PARAMETERS = Set.of("after", "limit", "pastDeadline", "mine");

  private final ReportStore store;
  private final IngestService ingest;
  private final Authenticator auth;
  private final FilterParser filters;
  private final ReportViews views;
  private final ClientAddress clientAddress;
  private final Clock clock;

  ReportEndpoints(ReportStore store, IngestService ingest, Authenticator auth, FilterParser filters, ReportViews views,
      ClientAddress clientAddress, Clock clock) {
    this.store = store;
    this.ingest = ingest;
    this.auth = auth;
    this.filters = filters;
    this.views = views;
    this.clientAddress = clientAddress;
    this.clock = clock;
  }

  void register(Router router) {
    router.post("/api/reports", this::create);
    router.get("/api/reports", this::list);
    router.get("/api/reports/{id}", this::get);
    router.add("PATCH", "/api/reports/{id}", this::patch);
    router.add("DELETE", "/api/reports/{id}", this::delete);
    router.get("/api/reports/{id}/history", this::history);
    router.get("/api/reports/{id}/attachments/{n}", this::attachment);
  }

  /** POST: 201 with Location only once the report and its files are committed. */
  private void create(Exchange ex) {
    Optional<Actor> caller = auth.optional(ex);
    InetAddress address = clientAddress(ex);
    Report stored;
    try {
      ingest.refuseIfLimited(caller, address); // before the body: a refused upload is never read
      stored = ingest.submit(caller, address, SubmissionReader.read(ex));
    } catch (RateLimitedException e) {
      long seconds = Math.max(1, Duration.between(clock.instant(), e.retryAt()).toSeconds() + 1);
      ex.response().getHeaders().put(HttpHeader.RETRY_AFTER, seconds);
      throw new ApiException(429, "Too Many Requests", "one address may send a limited number of reports a day;"
          + " try again in " + seconds + " s");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", stored.id());
    body.put("status", stored.status().code());
    body.put("reportedAt", stored.reportedAt());
    body.put("href", "/api/reports/" + stored.id());
    body.put("notice", ReportViews.NOTICE);
    ex.response().getHeaders().put(HttpHeader.LOCATION, "/api/reports/" + stored.id());
    ex.response().getHeaders().put(HttpHeader.ETAG, ReportViews.etag(stored));
    ex.sendJson(201, body);
  }

  private InetAddress clientAddress(Exchange ex) {
    SocketAddress remote = ex.request().getConnectionMetaData().getRemoteSocketAddress();
    if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      throw new ApiException(400, "Bad Request", "the client address cannot be determined");
    }
    List<String> forwarded = ex.request().getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR);
    return clientAddress.resolve(inet.getAddress(), forwarded);
  }

  /** GET one: anyone sees the public view of a public report; police users see everything. */
  private void get(Exchange ex) {
    // One URL, two answers (public and police view): a cache must never hand one for the other.
    ex.response().getHeaders().put(HttpHeader.VARY, "Authorization");
    Optional<Actor> caller = auth.optional(ex);
    caller.ifPresent(a -> policeOnly(ex));
    Report r = visible(ex, caller);
    Map<String, Object> body;
    if (caller.isPresent()) {
      body = views.policeView(r, store.attachments(r.id()), caller.get());
    } else if (views.isPublic(r)) {
      body = views.publicView(r);
      ex.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    } else {
      throw notFound(ex);
    }
    ex.response().getHeaders().put(HttpHeader.ETAG, ReportViews.etag(r));
    ex.sendJson(200, body);
  }

  /** GET list: police only; the shared filter model plus past-deadline and my-area filters, keyset-paged. */
  private void list(Exchange ex) {
    Actor actor = auth.require(ex);
    policeOnly(ex);
    Map<String, List<String>> q = ex.query();
    for (String name : q.keySet()) {
      if (!FilterParser.PARAMETERS.contains(name) && !LIST_PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; known: "
            + new java.util.TreeSet<>(java.util.stream.Stream.concat(FilterParser.PARAMETERS.stream(),
                LIST_PARAMETERS.stream()).toList()));
      }
    }
    ReportFilter filter = narrow(filters.parse(q), actor, flag(q, "pastDeadline"), flag(q, "mine"));
    long after = longParam(q, "after", 0, 0, Long.MAX_VALUE);
    int limit = (int) longParam(q, "limit", 100, 1, 1000);
    Page<Report> page = store.list(filter, after, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items().stream().map(r -> views.policeView(r, null, actor)).toList());
    body.put("next", page.nextAfterId() == null ? null : nextLink(ex, page.nextAfterId()));
    ex.sendJson(200, body);
  }

  private ReportFilter narrow(ReportFilter f, Actor actor, boolean pastDeadline, boolean mine) {
    Set<Status> statuses = f.statuses();
    Instant to = f.to();
    if (pastDeadline) {
      if (!statuses.isEmpty() && !statuses.contains(Status.NEW)) {
        throw new FilterException("pastDeadline", "only reports in status 'new' can be past their deadline");
      }
      statuses = Set.of(Status.NEW);
      Instant deadline = clock.instant().minus(Report.TAKE_UP_DEADLINE);
      to = to == null || deadline.isBefore(to) ? deadline : to;
      if (f.from() != null && !f.from().isBefore(to)) {
        throw new FilterException("pastDeadline", "'from' is later than the newest report past its deadline");
      }
    }
    Set<String> areas = f.areas();
    if (mine && actor.role() != Role.ADMINISTRATOR) {
      areas = actor.areasWithin(areas);
      if (areas.isEmpty()) {
        throw new FilterException("area", "none of the requested areas lies in your area");
      }
    }
    return new ReportFilter(f.categories(), statuses, f.sources(), f.from(), to, areas, f.bbox(), f.visibility(),
        f.hiddenUnlessConfirmed());
  }

  private static String nextLink(Exchange ex, long afterId) {
    StringBuilder sb = new StringBuilder("/api/reports?");
    ex.query().forEach((name, values) -> {
      if (!name.equals("after")) {
        for (String v : values) {
          sb.append(enc(name)).append('=').append(enc(v)).append('&');
        }
      }
    });
    return sb.append("after=").append(afterId).toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The body of a PATCH: a status move (with its note) or the description's publication. */
  record ReportPatch(String status, String note, Boolean descriptionPublic) {}

  private void patch(Exchange ex) {
    Actor actor = auth.require(ex);
    policeOnly(ex);
    long id = id(ex);
    ReportPatch p = ex.readJson(ReportPatch.class, MAX_PATCH_BYTES);
    if ((p.status() == null) == (p.descriptionPublic() == null)) {
      throw ApiException.badRequest("status", "send either 'status' (with an optional 'note') or 'descriptionPublic'");
    }
    long version = ifMatch(ex, id, true);
    Report updated;
    if (p.status() != null) {
      Status to;
      try {
        to = Status.ofCode(p.status());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("status", e.getMessage());
      }
      updated = store.changeStatus(id, version, new StatusChange(actor, to, p.note()));
    } else {
      Report current = store.find(id).orElseThrow(() -> notFound(ex));
      StatusWorkflow.checkEdit(current, actor);
      updated = store.setDescriptionPublic(id, version, actor, p.descriptionPublic());
    }
    ex.response().getHeaders().put(HttpHeader.ETAG, ReportViews.etag(updated));
    ex.sendJson(200, views.policeView(updated, store.attachments(id), actor));
  }

  private void delete(Exchange ex) {
    Actor actor = auth.require(ex);
    if (actor.role() != Role.ADMINISTRATOR) {
      throw new ApiException(403, "Forbidden", "only administrators may delete reports");
    }
    policeOnly(ex);
    long id = id(ex);
    long version = ifMatch(ex, id, false);
    String note = ex.query().getOrDefault("note", List.of()).stream().findFirst().orElse(null);
    store.softDelete(id, version, actor, note);
    ex.send(204, "application/json", new byte[0]);
  }

  private void history(Exchange ex) {
    Actor caller = auth.require(ex);
    policeOnly(ex);
    long id = visible(ex, Optional.of(caller)).id();
    ex.sendJson(200, Map.of("reportId", id, "history", store.history(id).stream().map(h -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("at", h.at());
      v.put("actor", h.actor());
      v.put("action", h.action().code());
      v.put("from", h.from() == null ? null : h.from().code());
      v.put("to", h.to().code());
      v.put("note", h.note());
      return v;
    }).toList()));
  }

  private void attachment(Exchange ex) {
    Actor caller = auth.require(ex);
    policeOnly(ex);
    long id = visible(ex, Optional.of(caller)).id();
    int n = (int) parseLong(ex.pathParam("n"), "n");
    var meta = store.attachments(id).stream().filter(a -> a.n() == n).findFirst().orElseThrow(() -> notFound(ex));
    byte[] content = store.attachmentContent(id, n).orElseThrow(() -> notFound(ex));
    String ascii = meta.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
    ex.response().getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + ascii
        + "\"; filename*=UTF-8''" + enc(meta.fileName()).replace("+", "%20"));
    ex.response().getHeaders().put("X-Content-Type-Options", "nosniff");
    ex.send(200, meta.mediaType(), content);
  }

  /**
   * Police data is never kept by a browser or a shared cache (a proxy, a workstation used by a
   * shift): {@code private, no-store}, on errors too.
   */
  private static void policeOnly(Exchange ex) {
    ex.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "private, no-store");
  }

  /** The report at the path; soft-deleted reports are hidden from everyone but administrators. */
  private Report visible(Exchange ex, Optional<Actor> caller) {
    Report r = store.find(id(ex)).orElseThrow(() -> notFound(ex));
    boolean admin = caller.map(a -> a.role() == Role.ADMINISTRATOR).orElse(false);
    if (r.deleted() && !admin) {
      throw notFound(ex);
    }
    return r;
  }

  /**
   * The version an If-Match header names. Required for PATCH: a change must name the version its
   * author read, so a missing header and "*" (any version, which would overwrite a change the author
   * never saw) are both a 428. Optional for DELETE, where "*" means the current version.
   */
  private long ifMatch(Exchange ex, long id, boolean required) {
    String header = ex.header("If-Match");
    boolean any = header == null || header.strip().equals("*");
    if (any && required) {
      throw new ApiException(428, "Precondition Required", "send If-Match with the report's ETag, as read from"
          + " GET /api/reports/" + id + (header == null ? "" : "; '*' names no version"));
    }
    if (any) {
      return store.find(id).orElseThrow(() -> notFound(ex)).version();
    }
    String tag = header.strip();
    String prefix = "\"" + id + "-";
    if (!tag.startsWith(prefix) || !tag.endsWith("\"")) {
      throw new ApiException(412, "Precondition Failed", "If-Match " + tag + " is not an ETag of report " + id);
    }
    try {
      return Long.parseLong(tag.substring(prefix.length(), tag.length() - 1));
    } catch (NumberFormatException e) {
      throw new ApiException(412, "Precondition Failed", "If-Match " + tag + " is not an ETag of report " + id);
    }
  }

  private static long id(Exchange ex) {
    return parseLong(ex.pathParam("id"), "id");
  }

  private static long parseLong(String v, String name) {
    try {
      long n = Long.parseLong(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(404, "Not Found", "'" + v + "' is not a valid " + name);
    }
  }

  private static boolean flag(Map<String, List<String>> q, String name) {
    List<String> v = q.getOrDefault(name, List.of());
    if (v.isEmpty()) {
      return false;
    }
    if (v.size() > 1 || !(v.get(0).equals("true") || v.get(0).equals("false"))) {
      throw ApiException.badRequest(name, "'" + name + "' must be true or false");
    }
    return v.get(0).equals("true");
  }

  private static long longParam(Map<String, List<String>> q, String name, long dflt, long min, long max) {
    List<String> v = q.getOrDefault(name, List.of());
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.get(0));
      if (v.size() > 1 || n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }
  }

  private static ApiException notFound(Exchange ex) {
    return new ApiException(404, "Not Found", "no report at " + org.eclipse.jetty.server.Request.getPathInContext(ex.request()));
  }
}
