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

  /** Part 1 (core, GeoJSON, HTML, OpenAPI 3.0) and Part 2 (CRS by reference) for the published CRSs. */
  static Conformance of(pl.kmzb.crs.CrsRegistry crs) {
    return new Conformance(List.of(CORE, GEOJSON, HTML, OAS30, CRS),
        crs.supported().stream().map(pl.kmzb.crs.Crs::uri).toList());
  }
}
