package pl.kmzb.features;

import java.util.List;

/**
 * What the OGC API declares it implements, and the CRSs it offers: exactly the classes the code
 * answers (a test requests what each one requires).
 */
record Conformance(List<String> classes, List<String> crsUris) {
  static final String CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
  static final String GEOJSON = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
  static final String HTML = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html";
  static final String OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30";

  Conformance {
    classes = List.copyOf(classes);
    crsUris = List.copyOf(crsUris);
  }

  static final String CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

  static final String FILTER = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter";
  static final String FEATURES_FILTER = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter";
  static final String QUERYABLES = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables";
  /** The CQL2 classes F2's parsers implement (docs/notes/ogc-filter.md). */
  static final List<String> CQL2 = List.of(
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
      "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
      "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
      "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
      "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions");

  /**
   * Part 1 (core, GeoJSON, HTML, OpenAPI 3.0), Part 2 (CRS by reference) for the published CRSs, and
   * Part 3 (filter, features-filter, queryables) with CQL2 text and JSON.
   */
  static Conformance of(pl.kmzb.crs.CrsRegistry crs) {
    List<String> classes = new java.util.ArrayList<>(List.of(CORE, GEOJSON, HTML, OAS30, CRS, FILTER,
        FEATURES_FILTER, QUERYABLES));
    classes.addAll(CQL2);
    return new Conformance(classes, crs.supported().stream().map(pl.kmzb.crs.Crs::uri).toList());
  }
}
