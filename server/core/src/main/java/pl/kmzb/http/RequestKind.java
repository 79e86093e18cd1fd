package pl.kmzb.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request was, in words a dashboard groups by: the service (the route's first path segment;
 * two under /ogc and /api, e.g. {@code ogc/features}, {@code api/reports}) and the operation (the
 * OGC REQUEST of a KVP service, e.g. GetMap; otherwise the method and route pattern, e.g.
 * {@code PATCH /api/reports/{id}}). Both come from fixed sets (the routes, the OGC operation names),
 * never from free client text, so the number of time series stays bounded whatever clients send.
 */
public record RequestKind(String service, String operation) {
  /** A request no route matched (404, 405). */
  public static final RequestKind UNMATCHED = new RequestKind("none", "unmatched");

  /** OGC operation names by lower case: a REQUEST in any case counts as the operation it names. */
  private static final Map<String, String> OPERATIONS = new TreeMap<>();

  static {
    for (String op : new String[] {"GetCapabilities", "GetMap", "GetFeatureInfo", "GetLegendGraphic",
        "DescribeLayer", "GetStyles", "GetTile", "GetFeature", "DescribeFeatureType", "GetPropertyValue",
        "ListStoredQueries", "DescribeStoredQueries", "CreateStoredQuery", "DropStoredQuery", "Transaction",
        "LockFeature", "GetFeatureWithLock"}) {
      OPERATIONS.put(op.toLowerCase(Locale.ROOT), op);
    }
  }

  /** The request's kind from the route the router matched (the access log and the metrics read it alike). */
  public static RequestKind of(org.eclipse.jetty.server.Request request) {
    return of(request.getAttribute(Exchange.ROUTE) instanceof String r ? r : null, request.getHttpURI().getQuery());
  }

  /**
   * @param route the matched route as "METHOD /pattern" (null: none matched)
   * @param rawQuery the request's raw query string (may be null)
   */
  public static RequestKind of(String route, String rawQuery) {
    if (route == null) {
      return UNMATCHED;
    }
    int space = route.indexOf(' ');
    String pattern = route.substring(space + 1);
    String[] segments = pattern.substring(1).split("/");
    String service = segments[0].isEmpty() ? "web"
        : (segments[0].equals("ogc") || segments[0].equals("api")) && segments.length > 1
            ? segments[0] + "/" + segments[1] : segments[0];
    boolean kvp = segments.length == 1 && (service.equals("wms") || service.equals("wfs") || service.equals("wmts"));
    if (kvp) {
      String request = requestParameter(rawQuery);
      if (request != null) {
        return new RequestKind(service, OPERATIONS.getOrDefault(request.toLowerCase(Locale.ROOT), "unknown"));
      }
    }
    return new RequestKind(service, route);
  }

  /** The REQUEST parameter (any case of the name), or null. */
  static String requestParameter(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq == 7 && pair.regionMatches(true, 0, "request", 0, 7)) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
          return "";
        }
      }
    }
    return null;
  }
}
