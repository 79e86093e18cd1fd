package pl.kmzb.statistics.indicator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.indicator.Indicator;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorData;
import pl.kmzb.indicator.IndicatorParameters;
import pl.kmzb.indicator.IndicatorRow;
import pl.kmzb.indicator.IndicatorSource;

/**
 * {@code GET /api/statistics/indicators} (the catalogue with the levels and periods that have
 * values) and {@code GET /api/statistics/indicators/{code}} (one indicator's rows, rates and class
 * breaks, JSON or CSV). Police-only indicators need credentials, as the police statistics do: they
 * are left out of an anonymous catalogue and answered 401 by name. Errors are RFC 7807 problems.
 */
public final class IndicatorEndpoint {
  static final Set<String> PARAMETERS = Set.of("level", "period", "per", "classes", "method", "f");
  static final Set<String> CATALOGUE_PARAMETERS = Set.of();

  private final IndicatorCatalog catalog;
  private final IndicatorSource source;
  private final Authenticator auth;

  public IndicatorEndpoint(IndicatorCatalog catalog, IndicatorSource source, Authenticator auth) {
    this.catalog = catalog;
    this.source = source;
    this.auth = auth;
  }

  public void register(Router router) {
    router.get("/api/statistics/indicators", this::catalogue);
    router.get("/api/statistics/indicators/{code}", this::indicator);
  }

  void catalogue(Exchange ex) {
    known(ex.query(), CATALOGUE_PARAMETERS);
    boolean police = auth.optional(ex).isPresent();
    headers(ex);
    List<Indicator> visible = catalog.all().stream().filter(i -> police || !i.policeOnly()).toList();
    ex.send(200, "application/json", IndicatorJson.catalogue(visible, source.data()));
  }

  void indicator(Exchange ex) {
    Map<String, List<String>> q = ex.query();
    known(q, PARAMETERS);
    String code = ex.pathParam("code");
    Indicator indicator = catalog.find(code).orElseThrow(() -> new ApiException(404, "Not Found",
        "no indicator '" + code + "'; see /api/statistics/indicators"));
    if (indicator.policeOnly()) {
      auth.require(ex);
    } else {
      auth.optional(ex);
    }
    headers(ex);
    IndicatorQuery query = parse(q, indicator);
    IndicatorData data = source.data();
    List<String> periods = data.periods(code, query.level());
    if (periods.isEmpty()) {
      throw new ApiException(404, "Not Found", "indicator '" + code + "' has no values at the " + query.level().key()
          + " level; levels with values: " + data.levels(code).stream().map(BoundaryLevel::key).toList());
    }
    String period = query.period() == null ? periods.get(periods.size() - 1) : query.period();
    if (!periods.contains(period)) {
      throw new ApiException(404, "Not Found", "indicator '" + code + "' has no " + query.level().key()
          + " values in period " + period + "; periods with values: " + periods);
    }
    List<IndicatorRow> rows = data.rows(indicator, query.level(), period, query.per());
    IndicatorAnswer answer = IndicatorAnswer.of(query, period, rows, data.version());
    if (query.format().equals("csv")) {
      ex.send(200, "text/csv; charset=utf-8", IndicatorJson.csv(answer));
    } else {
      ex.send(200, "application/json", IndicatorJson.answer(answer));
    }
  }

  private static void headers(Exchange ex) {
    ex.response().getHeaders().put("Cache-Control", ex.header("Authorization") != null ? "private, no-store" : "no-cache");
    ex.response().getHeaders().put("Vary", "Authorization, Accept");
  }

  static IndicatorQuery parse(Map<String, List<String>> q, Indicator indicator) {
    BoundaryLevel level;
    try {
      level = BoundaryLevel.ofKey(Optional.ofNullable(IndicatorParameters.one(q, "level")).orElse("voivodeship"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("level", e.getMessage());
    }
    // The API answers the values themselves unless asked for a rate (maps default to the rate).
    IndicatorParameters shown = IndicatorParameters.parse(q, indicator, 1);
    String f = Optional.ofNullable(IndicatorParameters.one(q, "f")).orElse("json");
    if (!f.equals("json") && !f.equals("csv")) {
      throw ApiException.badRequest("f", "f must be 'json' or 'csv'");
    }
    return new IndicatorQuery(indicator, level, shown.period(), shown.per(), shown.classes(), shown.method(), f);
  }

  private static void known(Map<String, List<String>> q, Set<String> names) {
    for (String name : q.keySet()) {
      if (!names.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + IndicatorParameters.clip(name) + "'; known: "
            + new TreeSet<>(names));
      }
    }
  }
}
