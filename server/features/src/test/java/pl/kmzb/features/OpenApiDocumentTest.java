package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.encode.FeatureView;

/** The OpenAPI 3.0 document is valid (swagger-parser) and names every collection's paths. */
class OpenApiDocumentTest {
  static final List<FeatureCollection> COLLECTIONS = List.of(
      new FeatureCollection("threats.points", "Zgłoszenia", "Reports", "all", FeatureView.PUBLIC, Set.of(), false),
      new FeatureCollection("group.road", "Drogi", "Roads", "road", FeatureView.PUBLIC, Set.of("speeding"), false),
      new FeatureCollection("police.reports", "Policja", "Police", "police", FeatureView.POLICE, Set.of(), true),
      new FeatureCollection("areas.county", "Powiaty", "Counties", "counts", null, Set.of(), false,
          new ReferenceLayer(pl.kmzb.layer.LayerKind.AREA_COUNTS, pl.kmzb.boundary.BoundaryLevel.COUNTY)));

  @Test
  void theDocumentIsValidOpenApi30() {
    String doc = new String(OpenApiDocument.render("http://example.org/ogc/features", COLLECTIONS, 100),
        StandardCharsets.UTF_8);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc, null, resolving());
    assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(), doc);
    assertNotNull(result.getOpenAPI());
    assertTrue(result.getOpenAPI().getPaths().containsKey("/collections/group.road/items"));
    assertTrue(result.getOpenAPI().getPaths().containsKey("/collections/police.reports/items/{featureId}"));
    assertNotNull(result.getOpenAPI().getPaths().get("/collections/police.reports/items").getGet().getSecurity());
    assertEquals("http://example.org/ogc/features", result.getOpenAPI().getServers().get(0).getUrl());
    var areaItem = result.getOpenAPI().getPaths().get("/collections/areas.county/items/{featureId}").getGet();
    assertEquals("string", areaItem.getParameters().get(0).getSchema().getType(), "areas are named by TERYT codes");
    assertTrue(result.getOpenAPI().getPaths().get("/collections/areas.county/items").getGet().getParameters().stream()
        .noneMatch(x -> "category".equals(x.getName())), "report filters do not apply to areas");
  }

  @Test
  void aBrokenDocumentIsCaught() {
    String doc = new String(OpenApiDocument.render("http://example.org/ogc/features", COLLECTIONS, 100),
        StandardCharsets.UTF_8).replace("\"in\" : \"query\"", "\"in\" : \"nowhere\"");
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc, null, resolving());
    assertTrue(result.getMessages() != null && !result.getMessages().isEmpty(), "a bad parameter location is reported");
  }

  private static ParseOptions resolving() {
    ParseOptions o = new ParseOptions();
    o.setResolve(true);
    return o;
  }
}
