package pl.kmzb.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;

/**
 * {@code GET /api/statistics}: the query parameters into a {@link StatisticsQuery} for the caller's
 * view, the in-memory answer, JSON or CSV. Anonymous callers get the public view (the visibility
 * policy's reports at their public areas; hidden statuses are refused, never counted); callers with
 * credentials get every status at exact areas, narrowed to their own areas with {@code mine=true},
 * or the public view with {@code view=public}. Errors are RFC 7807 problems (the router's one place).
 */
public final class StatisticsEndpoint {
  static final Set<String> PARAMETERS = Set.of("view", "level", "area", "category", "group", "by", "status", "period",
      "from", "to", "mine", "f");
  private static final Pattern AREA = Pattern.compile("\\d{2}|\\d{4}|\\d{6}[1-5]");
  /** The range's bounds must stay within the days the columns hold (1970 to 2149). */
  private static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(2149, 12, 31);
  /** Periods a range without {@code from} covers, the current one included. */
  static final int DEFAULT_PERIODS = 12;

  private final StatisticsIndex index;
  private final LongSupplier dataVersion;
  private final Authenticator auth;
  private final CategoryCatalog catalog;
  private final Clock clock;
  private java.util.function.Supplier<Map<String, Set<String>>> units = Map::of;

  public StatisticsEndpoint(StatisticsIndex index, LongSupplier dataVersion, Authenticator auth,
      CategoryCatalog catalog, Clock clock) {
    this.index = index;
    this.dataVersion = dataVersion;
    this.auth = auth;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Where {@code level=police-unit} takes the units and the TERYT codes each serves from. */
  public StatisticsEndpoint withUnits(java.util.function.Supplier<Map<String, Set<String>>> units) {
    this.units = units;
    return this;
  }

  public void register(Router router) {
    router.get("/api/statistics", this::handle);
  }

  void handle(Exchange ex) throws Exception {
    Map<String, List<String>> q = ex.query();
    for (String name : q.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; known: " + new TreeSet<>(PARAMETERS));
      }
    }
    String format = format(ex, q);
    String view = one(q, "view", null);
    if (view != null && !view.equals("public") && !view.equals("police")) {
      throw ApiException.badRequest("view", "view must be 'public' or 'police'");
    }
    Actor actor = "police".equals(view) ? auth.require(ex) : "public".equals(view) ? null : auth.optional(ex).orElse(null);
    boolean police = actor != null;
    boolean mine = flag(q, "mine");
    if (mine && !police) {
      throw ApiException.badRequest("mine", "'mine' needs the police view (credentials)");
    }
    ex.response().getHeaders().put("Cache-Control", ex.header("Authorization") != null ? "private, no-store" : "no-cache");
    ex.response().getHeaders().put("Vary", "Authorization, Accept");
    if (!index.isLoaded()) {
      throw new ApiException(503, "Service Unavailable", "the statistics are still loading").withHeader("Retry-After", "5");
    }
    StatisticsQuery query = parse(q, police, mine ? actor : null);
    Instant now = clock.instant();
    List<StatisticsRow> rows;
    try {
      rows = index.query(query, now);
    } catch (StatisticsIndex.TooLargeException e) {
      throw ApiException.badRequest("period", e.getMessage());
    }
    long version = dataVersion.getAsLong();
    // Streamed: a large answer (up to StatisticsIndex.MAX_CELLS rows) is never held whole in memory.
    if (format.equals("csv")) {
      ex.stream(200, "text/csv; charset=utf-8", out -> StatisticsCsv.write(out, rows, query));
    } else {
      ex.stream(200, "application/json", out -> StatisticsJson.write(out, query, rows, now, version));
    }
  }

  /** {@code f=json|csv} first, then the Accept header (CSV only when asked for by name). */
  private static String format(Exchange ex, Map<String, List<String>> q) {
    String f = one(q, "f", null);
    if (f != null) {
      if (!f.equals("json") && !f.equals("csv")) {
        throw ApiException.badRequest("f", "f must be 'json' or 'csv'");
      }
      return f;
    }
    String accept = ex.header("Accept");
    if (accept != null && accept.contains("text/csv") && !accept.contains("application/json")) {
      return "csv";
    }
    return "json";
  }

  StatisticsQuery parse(Map<String, List<String>> q, boolean police, Actor mine) {
    AreaLevel level = enumParam(q, "level", "voivodeship", AreaLevel::ofCode);
    Breakdown by = enumParam(q, "by", "none", Breakdown::ofCode);
    Period period = enumParam(q, "period", "month", Period::ofCode);
    Set<String> areas = new TreeSet<>();
    for (String a : list(q, "area")) {
      if (!AREA.matcher(a).matches()) {
        throw ApiException.badRequest("area", "area '" + a + "' is not a TERYT code of 2, 4 or 7 digits");
      }
      areas.add(a);
    }
    if (mine != null && mine.role() != Role.ADMINISTRATOR) {
      areas = mine.areasWithin(areas);
      if (areas.isEmpty()) {
        throw ApiException.badRequest("area", "none of the requested areas lies in your area");
      }
    }
    Set<String> categories = categories(q);
    Set<Status> statuses = EnumSet.noneOf(Status.class);
    for (String s : list(q, "status")) {
      Status st;
      try {
        st = Status.ofCode(s);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("status", e.getMessage());
      }
      if (!police && !st.isPublic()) {
        throw ApiException.badRequest("status", "status '" + s + "' is not public; anonymous callers may ask for "
            + Status.PUBLIC.stream().map(Status::code).sorted().toList());
      }
      statuses.add(st);
    }
    LocalDate from = date(q, "from");
    LocalDate to = date(q, "to");
    if (period != Period.ALL) {
      if (to == null) {
        to = from != null && from.isAfter(today()) ? from : today();
      }
      if (from == null) {
        from = period.start(period.index(to) - (DEFAULT_PERIODS - 1));
      }
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiException.badRequest("to", "'to' (" + to + ") is before 'from' (" + from + ")");
    }
    return new StatisticsQuery(police, level, areas, categories, by, statuses, period, from, to,
        level == AreaLevel.POLICE_UNIT ? units.get() : Map.of());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), StatisticsIndex.ZONE);
  }

  /** The categories asked for by {@code category} and {@code group} (their union); empty for all. */
  private Set<String> categories(Map<String, List<String>> q) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : list(q, "category")) {
      if (catalog.find(c).isEmpty()) {
        throw ApiException.badRequest("category", "unknown category '" + c + "'");
      }
      out.add(c);
    }
    Set<String> groups = catalog.groups().stream().map(g -> g.code()).collect(java.util.stream.Collectors.toSet());
    for (String g : list(q, "group")) {
      if (!groups.contains(g)) {
        throw ApiException.badRequest("group", "unknown group '" + g + "'; known: " + new TreeSet<>(groups));
      }
      catalog.all().stream().filter(c -> g.equals(c.group())).map(Category::code).forEach(out::add);
    }
    return out;
  }

  private static LocalDate date(Map<String, List<String>> q, String name) {
    String v = one(q, name, null);
    if (v == null) {
      return null;
    }
    LocalDate d;
    try {
      d = LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, name + " must be a date YYYY-MM-DD, not '" + v + "'");
    }
    if (d.isBefore(FIRST_DAY) || d.isAfter(LAST_DAY)) {
      throw ApiException.badRequest(name, name + " must lie between " + FIRST_DAY + " and " + LAST_DAY);
    }
    return d;
  }

  private static <T> T enumParam(Map<String, List<String>> q, String name, String fallback,
      java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(one(q, name, fallback));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name, e.getMessage());
    }
  }

  private static boolean flag(Map<String, List<String>> q, String name) {
    String v = one(q, name, "false");
    if (!v.equals("true") && !v.equals("false")) {
      throw ApiException.badRequest(name, name + " must be 'true' or 'false'");
    }
    return v.equals("true");
  }

  private static String one(Map<String, List<String>> q, String name, String fallback) {
    List<String> values = q.get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    if (values.size() > 1) {
      throw ApiException.badRequest(name, "give '" + name + "' once");
    }
    return values.get(0);
  }

  /** Values of a list parameter, repeated or comma-separated; at most 1,000. */
  private static List<String> list(Map<String, List<String>> q, String name) {
    List<String> out = new ArrayList<>();
    for (String v : q.getOrDefault(name, List.of())) {
      for (String part : v.split(",", -1)) {
        if (part.isBlank()) {
          throw ApiException.badRequest(name, "empty value in '" + name + "'");
        }
        out.add(part.trim());
      }
    }
    if (out.size() > 1_000) {
      throw ApiException.badRequest(name, "at most 1,000 values of '" + name + "'");
    }
    return out;
  }
}
