package pl.kmzb.ogctiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 definition of {@link OgcTilesApi}: every route with its parameters and answers,
 * the collection ids the caller may see as the enumeration of {@code collectionId}.
 */
final class OpenApi {
  private OpenApi() {}

  static Map<String, Object> document(String base, List<TileCollection> visible) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "KMZB – OGC API – Tiles", "version", "1.0.0", "description",
        "Vector tiles (MVT) and map tiles (PNG, JPEG) of the KMZB layer catalogue in WebMercatorQuad,"
            + " WorldCRS84Quad and Geoportal's EPSG:2180 set (vector tiles of boundaries and police units in"
            + " WebMercatorQuad only)."
            + " Police collections need credentials (HTTP Basic or a bearer token)."));
    doc.put("servers", List.of(Map.of("url", base)));
    Map<String, Object> paths = new LinkedHashMap<>();
    // operationIds as OGC's OpenAPI building blocks name them (/req/oas30/operation-id, Table 11).
    paths.put("/", get("getLandingPage", "landing page", List.of(), json("the landing page")));
    paths.put("/conformance", get("getConformance", "conformance classes", List.of(),
        json("the conformance classes")));
    paths.put("/api", get("getAPI", "this API definition", List.of(), Map.of("200", Map.of("description",
        "OpenAPI 3.0", "content", Map.of(OgcTilesApi.OPENAPI, Map.of("schema", Map.of("type", "object")))))));
    paths.put("/tileMatrixSets", get("getTileMatrixSetsList", "tile matrix sets", List.of(),
        json("the tile matrix sets")));
    paths.put("/tileMatrixSets/{tileMatrixSetId}", get("getTileMatrixSet", "a tile matrix set",
        List.of(ref("tileMatrixSetId")), json("OGC 2D-TMS 2.0 JSON")));
    paths.put("/collections", get("getCollectionsList", "collections", List.of(), json("the collections")));
    paths.put("/collections/{collectionId}", get("getCollection", "a collection", List.of(ref("collectionId")),
        json("the collection")));
    for (OgcTilesApi.Kind kind : OgcTilesApi.Kind.values()) {
      String tiles = "/" + kind.path;
      List<Object> filters = kind == OgcTilesApi.Kind.VECTOR ? vectorParameters() : mapParameters();
      for (String prefix : List.of("/collections/{collectionId}", "")) {
        List<Object> own = prefix.isEmpty() ? List.of() : List.of(ref("collectionId"));
        String op = (prefix.isEmpty() ? ".dataset." : ".collection.") + kind.dataType;
        paths.put(prefix + tiles, get(op + ".getTileSetsList", kind.dataType + " tilesets", own,
            json("the tilesets")));
        paths.put(prefix + tiles + "/{tileMatrixSetId}", get(op + ".getTileSet", kind.dataType + " tileset metadata",
            concat(own, List.of(ref("tileMatrixSetId"), ref("f-metadata"))), json("TileSetMetadata or TileJSON")));
        List<Object> tileParams = concat(own, List.of(ref("tileMatrixSetId"), ref("tileMatrix"), ref("tileRow"),
            ref("tileCol")));
        tileParams = concat(tileParams, filters);
        if (prefix.isEmpty()) {
          tileParams = concat(tileParams, List.of(ref("collections")));
        }
        paths.put(prefix + tiles + "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", get(op + ".getTile",
            "a " + kind.dataType
            + " tile", tileParams, tileResponses(kind)));
      }
    }
    doc.put("paths", paths);
    doc.put("components", Map.of("parameters", parameters(visible)));
    return doc;
  }

  private static List<Object> vectorParameters() {
    return List.of(ref("f-vector"), ref("datetime"), ref("filter"), ref("filter-lang"), ref("category"),
        ref("status"), ref("area"), ref("from"), ref("to"));
  }

  private static List<Object> mapParameters() {
    return List.of(ref("f-map"), ref("style"), ref("datetime"), ref("filter"), ref("category"), ref("status"),
        ref("area"), ref("from"), ref("to"));
  }

  private static Map<String, Object> tileResponses(OgcTilesApi.Kind kind) {
    Map<String, Object> content = kind == OgcTilesApi.Kind.VECTOR
        ? Map.of("application/vnd.mapbox-vector-tile", binary())
        : Map.of(MapTiles.PNG, binary(), MapTiles.JPEG, binary());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("200", Map.of("description", "the tile", "content", content));
    r.put("204", Map.of("description", "the tile holds no features"));
    r.put("304", Map.of("description", "the client's copy (If-None-Match) is current"));
    r.put("400", problem("a bad parameter"));
    r.put("401", problem("a police collection without credentials"));
    r.put("404", problem("no such collection, tile matrix set or tile"));
    r.put("429", problem("the client's render budget for filtered tiles is spent (Retry-After)"));
    return r;
  }

  private static Map<String, Object> binary() {
    return Map.of("schema", Map.of("type", "string", "format", "binary"));
  }

  private static Map<String, Object> problem(String what) {
    return Map.of("description", what, "content", Map.of("application/problem+json", Map.of("schema",
        Map.of("type", "object"))));
  }

  private static Map<String, Object> parameters(List<TileCollection> visible) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("collectionId", path("collectionId", "a collection",
        Map.of("type", "string", "enum", visible.stream().map(TileCollection::id).toList())));
    p.put("tileMatrixSetId", path("tileMatrixSetId", "a tile matrix set",
        Map.of("type", "string", "enum", Grids.all().stream().map(pl.kmzb.tiles.MatrixSet::id).toList())));
    p.put("tileMatrix", path("tileMatrix", "the tile matrix (zoom level)", Map.of("type", "string")));
    p.put("tileRow", path("tileRow", "the row, from the top", Map.of("type", "integer", "minimum", 0)));
    p.put("tileCol", path("tileCol", "the column, from the left", Map.of("type", "integer", "minimum", 0)));
    p.put("f-metadata", query("f", "json (default) or tilejson", Map.of("type", "string", "enum",
        List.of("json", "tilejson"))));
    p.put("f-vector", query("f", "mvt (the only format)", Map.of("type", "string", "enum", List.of("mvt"))));
    p.put("f-map", query("f", "png (default) or jpeg", Map.of("type", "string", "enum", List.of("png", "jpeg"))));
    p.put("style", query("style", "one of the collection's styles (its default when absent)",
        Map.of("type", "string")));
    p.put("collections", query("collections", "comma-separated collection ids (dataset tiles)",
        Map.of("type", "string")));
    p.put("datetime", query("datetime", "report date: an RFC 3339 date-time, a date or an interval ('..' open)",
        Map.of("type", "string")));
    p.put("filter", query("filter", "a CQL2 filter on the collection's queryables (vector tiles: the parts the"
        + " cluster index answers)", Map.of("type", "string")));
    p.put("filter-lang", query("filter-lang", "cql2-text (default) or cql2-json", Map.of("type", "string", "enum",
        List.of("cql2-text", "cql2-json"))));
    p.put("category", query("category", "category codes, comma-separated", Map.of("type", "string")));
    p.put("status", query("status", "status codes, comma-separated", Map.of("type", "string")));
    p.put("area", query("area", "TERYT codes of 2, 4 or 7 digits, comma-separated", Map.of("type", "string")));
    p.put("from", query("from", "reported at or after (ISO 8601)", Map.of("type", "string")));
    p.put("to", query("to", "reported before (ISO 8601)", Map.of("type", "string")));
    return p;
  }

  private static Map<String, Object> path(String name, String description, Map<String, Object> schema) {
    return Map.of("name", name, "in", "path", "required", true, "description", description, "schema", schema);
  }

  private static Map<String, Object> query(String name, String description, Map<String, Object> schema) {
    return Map.of("name", name, "in", "query", "required", false, "description", description, "schema", schema);
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/components/parameters/" + name);
  }

  private static Map<String, Object> json(String description) {
    return Map.of("200", Map.of("description", description, "content", Map.of(OgcTilesApi.JSON,
        Map.of("schema", Map.of("type", "object")))));
  }

  private static Map<String, Object> get(String operationId, String summary, List<Object> parameters,
      Map<String, Object> responses) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId);
    op.put("summary", summary);
    op.put("parameters", parameters);
    op.put("responses", responses);
    return Map.of("get", op);
  }

  private static List<Object> concat(List<Object> a, List<Object> b) {
    List<Object> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
