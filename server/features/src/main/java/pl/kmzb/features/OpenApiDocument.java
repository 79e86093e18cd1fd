package pl.kmzb.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.http.Json;

/**
 * The OpenAPI 3.0 definition: {@code openapi-template.json} (the fixed paths, parameters and schemas)
 * filled with a collection path, items path and feature path per collection the caller may see.
 */
final class OpenApiDocument {
  private static final String TEMPLATE = "openapi-template.json";

  private OpenApiDocument() {}

  static byte[] render(String base, List<FeatureCollection> collections, int defaultLimit) {
    ObjectNode doc = template(base, defaultLimit);
    ObjectNode paths = (ObjectNode) doc.get("paths");
    for (FeatureCollection c : collections) {
      String p = "/collections/" + c.id();
      paths.set(p, operation(c, "describe", "The collection " + c.id(), "collection", "application/json",
          List.of("f")));
      List<String> itemParams = new java.util.ArrayList<>(List.of("f", "limit", "startindex", "after", "bbox",
          "bbox-crs", "crs", "datetime", "category", "status", "area"));
      if (c.view() == FeatureView.POLICE) {
        itemParams.add("source");
      }
      if (c.reference() != null) {
        // Areas, units and boundaries: no report filters; ids are codes (ReferenceItems). datetime is
        // a parameter of every items operation (Part 1, /req/core/fc-time-definition).
        itemParams = List.of("f", "limit", "startindex", "bbox", "bbox-crs", "crs", "datetime");
      }
      paths.set(p + "/items", operation(c, "getItems", "Features of " + c.id(), "featureCollectionGeoJSON",
          "application/geo+json", itemParams));
      paths.set(p + "/items/{featureId}", operation(c, "getItem", "One feature of " + c.id(), "featureGeoJSON",
          "application/geo+json", List.of(c.reference() != null ? "featureCode" : "featureId", "f", "crs")));
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode template(String base, int defaultLimit) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(TEMPLATE)) {
      ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(in);
      ((ObjectNode) doc.at("/servers/0")).put("url", base);
      ((ObjectNode) doc.at("/components/parameters/limit/schema")).put("default", defaultLimit);
      return doc;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the OpenAPI template " + TEMPLATE + " is missing from the jar", e);
    }
  }

  private static JsonNode operation(FeatureCollection c, String verb, String summary, String schema,
      String mediaType, List<String> params) {
    ObjectNode get = Json.MAPPER.createObjectNode();
    get.putArray("tags").add("Data");
    get.put("summary", summary);
    get.put("operationId", verb + "_" + c.id().replace('.', '_').replace('-', '_'));
    ArrayNode ps = get.putArray("parameters");
    for (String p : params) {
      ps.addObject().put("$ref", "#/components/parameters/" + p);
    }
    ObjectNode responses = get.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", summary);
    ObjectNode content = ok.putObject("content");
    content.putObject(mediaType).putObject("schema").put("$ref", "#/components/schemas/" + schema);
    content.putObject("text/html").putObject("schema").put("type", "string");
    responses.putObject("400").put("$ref", "#/components/responses/problem");
    responses.putObject("404").put("$ref", "#/components/responses/notFound");
    if (c.policeOnly()) {
      responses.putObject("401").put("$ref", "#/components/responses/unauthorized");
      ArrayNode security = get.putArray("security");
      security.addObject().putArray("basic");
      security.addObject().putArray("bearer");
    }
    ObjectNode path = Json.MAPPER.createObjectNode();
    path.set("get", get);
    return path;
  }
}
