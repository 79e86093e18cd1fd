package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestKindTest {
  @Test
  void kvpServicesAreGroupedByTheirOgcOperationInAnyCase() {
    assertEquals(new RequestKind("wms", "GetMap"), RequestKind.of("GET /wms", "SERVICE=WMS&request=getmap&LAYERS=x"));
    assertEquals(new RequestKind("wfs", "GetFeature"), RequestKind.of("GET /wfs", "Request=GetFeature"));
    assertEquals(new RequestKind("wmts", "GetTile"), RequestKind.of("GET /wmts", "REQUEST=%47etTile"));
  }

  @Test
  void unknownOperationsNeverBecomeNewSeries() {
    assertEquals(new RequestKind("wms", "unknown"), RequestKind.of("GET /wms", "REQUEST=DropTables%3B" + "x".repeat(500)));
    assertEquals(new RequestKind("wms", "unknown"), RequestKind.of("GET /wms", "REQUEST=%ZZ"));
    // Without REQUEST the route itself names the operation (the endpoint answers with its own error).
    assertEquals(new RequestKind("wfs", "POST /wfs"), RequestKind.of("POST /wfs", null));
    assertEquals(RequestKind.UNMATCHED, RequestKind.of(null, "REQUEST=GetMap"));
  }

  @Test
  void restServicesAreGroupedByRoutePatternNotByPath() {
    assertEquals(new RequestKind("tiles", "GET /tiles/{layer}/{z}/{x}/{y}.mvt"),
        RequestKind.of("GET /tiles/{layer}/{z}/{x}/{y}.mvt", "category=a"));
    assertEquals(new RequestKind("api/reports", "PATCH /api/reports/{id}"), RequestKind.of("PATCH /api/reports/{id}", null));
    assertEquals(new RequestKind("ogc/features", "GET /ogc/features/collections/{collectionId}/items"),
        RequestKind.of("GET /ogc/features/collections/{collectionId}/items", "f=json"));
    assertEquals(new RequestKind("wmts", "GET /wmts/1.0.0/WMTSCapabilities.xml"),
        RequestKind.of("GET /wmts/1.0.0/WMTSCapabilities.xml", "request=GetMap"));
    assertEquals(new RequestKind("web", "GET /"), RequestKind.of("GET /", null));
    assertEquals(new RequestKind("health", "GET /health"), RequestKind.of("GET /health", null));
  }
}
