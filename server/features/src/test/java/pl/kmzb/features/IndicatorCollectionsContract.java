package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryImport;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorImporter;
import pl.kmzb.server.Application;

/**
 * Indicator layers as OGC API Features collections and WFS feature types on each store, after real
 * imports: Warszawa 1465 and Kraków 1261, a million inhabitants each in 2024, 10 and 90 road
 * accidents (rates per 100,000: 1 and 9; 5 quantile classes over two rates: [1, 1, 9], classes 0
 * and 1); Wrocław 0264 has no value and so no feature.
 */
abstract class IndicatorCollectionsContract {
  static final String ITEMS = FeaturesApi.BASE + "/collections/indicator.road_accidents.county/items";
  static final GeometryFactory GEOMETRY = new GeometryFactory();
  @TempDir Path dir;
  Application app;
  Http http;

  abstract boolean postgis();

  @BeforeEach
  void start() throws Exception {
    app = FeatureServer.start(postgis(), dir, "--reference.poll-interval=PT0.05S");
    http = new Http(app.port());
    BoundaryImporter.run(app.store(), new BoundaryImport(BoundaryLevel.COUNTY, List.of(
        county("1465", "Warszawa", 20.8, 52.0), county("1261", "Kraków", 19.7, 49.9),
        county("0264", "Wrocław", 16.8, 51.0)), 0, List.of()));
    IndicatorImporter.population(app.store(), BoundaryLevel.COUNTY, Files.writeString(dir.resolve("gus.csv"),
        "teryt,year,population\n1465,2024,1000000\n1261,2024,1000000\n"));
    IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY,
        Files.writeString(dir.resolve("kgp.csv"), "teryt,indicator,period,value\n1465,road_accidents,2024,10\n"
            + "1261,road_accidents,2024,90\n"));
    for (long deadline = System.currentTimeMillis() + 60_000; ; Thread.sleep(50)) {
      if (http.get(ITEMS).json().path("numberMatched").asLong(-1) == 2) {
        return;
      }
      assertTrue(System.currentTimeMillis() < deadline, "the indicator collection did not show the imports");
    }
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  static Boundary county(String code, String name, double lon, double lat) {
    return new Boundary(BoundaryLevel.COUNTY, code, name, GEOMETRY.createPolygon(new Coordinate[] {
        new Coordinate(lon, lat), new Coordinate(lon + 0.4, lat), new Coordinate(lon + 0.4, lat + 0.3),
        new Coordinate(lon, lat + 0.3), new Coordinate(lon, lat)}));
  }

  @Test
  void itemsHaveValueAndRate() {
    JsonNode items = http.get(ITEMS).json();
    JsonNode krakow = items.path("features").get(0);
    assertEquals("1261", krakow.path("id").asText());
    assertEquals("{\"code\":\"1261\",\"name\":\"Kraków\",\"level\":\"county\",\"indicator\":\"road_accidents\","
        + "\"period\":\"2024\",\"value\":90.0,\"population\":1000000,\"rate\":9.0,\"class\":1}",
        krakow.path("properties").toString());
    assertEquals(1.0, items.path("features").get(1).path("properties").path("rate").asDouble());
    assertEquals(0, items.path("features").get(1).path("properties").path("class").asInt());
    JsonNode filtered = http.get(ITEMS + "?filter=rate%20%3E%205&filter-lang=cql2-text").json();
    assertEquals(1, filtered.path("numberMatched").asLong(), filtered.toString());
    JsonNode queryables = http.get(FeaturesApi.BASE + "/collections/indicator.road_accidents.county/queryables")
        .json();
    assertTrue(queryables.path("properties").path("rate").toString().contains("number"), queryables.toString());
  }

  @Test
  void wfsGetFeatureHasValueAndRate() {
    Http.Response r = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature"
        + "&TYPENAMES=kmzb:indicator.road_accidents.county");
    String gml = r.body();
    assertTrue(gml.contains("<kmzb:value>90.0</kmzb:value>"), gml);
    assertTrue(gml.contains("<kmzb:rate>9.0</kmzb:rate>"), gml);
    assertTrue(gml.contains("<kmzb:population>1000000</kmzb:population>"), gml);
    String schema = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=DescribeFeatureType"
        + "&TYPENAMES=kmzb:indicator.road_accidents.county").body();
    assertTrue(schema.contains("name=\"rate\"") && schema.contains("xsd:double"), schema);
  }
}
