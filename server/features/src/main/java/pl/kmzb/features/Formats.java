package pl.kmzb.features;

import java.util.List;
import java.util.Set;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;

/** Which representation a request asks for: {@code f=} first, then the Accept header (browsers get HTML). */
final class Formats {
  static final Set<String> KNOWN = Set.of("json", "geojson", "html", "csv");

  private Formats() {}

  /** The format name: json (GeoJSON for features), html or csv. */
  static String of(Exchange ex) {
    List<String> f = ex.query().get("f");
    if (f != null && !f.isEmpty()) {
      String v = f.get(0).strip().toLowerCase(java.util.Locale.ROOT);
      if (!KNOWN.contains(v)) {
        throw ApiException.badRequest("f", "unknown format '" + v + "'; use one of " + new java.util.TreeSet<>(KNOWN));
      }
      return v.equals("geojson") ? "json" : v;
    }
    String accept = ex.header("Accept");
    if (accept != null) {
      int html = accept.indexOf("text/html");
      int json = Math.max(accept.indexOf("json"), accept.indexOf("application/geo+json"));
      if (html >= 0 && (json < 0 || html < json)) {
        return "html";
      }
    }
    return "json";
  }

  static boolean html(Exchange ex) {
    return of(ex).equals("html");
  }
}
