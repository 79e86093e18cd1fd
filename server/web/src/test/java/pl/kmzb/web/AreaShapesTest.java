package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;

/** The generalised outlines of the statistics page: one level, simplified, rounded, rebuilt after an import. */
class AreaShapesTest {
  /** A circle of {@code points} vertices (radius 1°) around lon/lat: far more detail than the page needs. */
  static Geometry circle(double lon, double lat, int points) {
    Coordinate[] ring = new Coordinate[points + 1];
    for (int i = 0; i < points; i++) {
      double a = 2 * Math.PI * i / points;
      ring[i] = new Coordinate(lon + Math.cos(a), lat + Math.sin(a));
    }
    ring[points] = ring[0];
    LinearRing shell = BoundaryBasemapTest.GEOMETRY.createLinearRing(ring);
    return BoundaryBasemapTest.GEOMETRY.createPolygon(shell);
  }

  static BoundaryIndex index() {
    return BoundaryIndex.of(List.of(
        new Boundary(BoundaryLevel.VOIVODESHIP, "14", "mazowieckie", circle(21.0, 52.3, 20_000)),
        new Boundary(BoundaryLevel.VOIVODESHIP, "12", "małopolskie", BoundaryBasemapTest.box(19.0, 49.2, 21.4, 50.5)),
        new Boundary(BoundaryLevel.COUNTY, "1465", "Warszawa", circle(21.0, 52.2, 2_000))));
  }

  @Test
  void aLevelIsItsAreasSimplifiedAndRounded() throws Exception {
    JsonNode doc = MapServer.JSON.readTree(AreaShapes.json(index(), BoundaryLevel.VOIVODESHIP));
    assertEquals("FeatureCollection", doc.path("type").asText());
    assertEquals(2, doc.path("features").size(), "the voivodeships only");
    JsonNode first = doc.path("features").get(0);
    assertEquals("12", first.path("id").asText(), "sorted by code");
    assertEquals("małopolskie", first.path("properties").path("name").asText());
    assertEquals("MultiPolygon", first.path("geometry").path("type").asText());
    assertEquals("[[[[19.0,49.2],[21.4,49.2],[21.4,50.5],[19.0,50.5],[19.0,49.2]]]]",
        first.path("geometry").path("coordinates").toString(), "a box keeps its corners");
    JsonNode ring = doc.path("features").get(1).path("geometry").path("coordinates").get(0).get(0);
    // Tolerance 0.01° on a circle of radius 1°: a chord deviates by r(1 − cos(θ/2)) ≤ 0.01, so
    // θ ≤ 0.28 rad, at least ~22 vertices; far fewer than 20,000.
    assertTrue(ring.size() >= 20 && ring.size() < 200, "simplified to " + ring.size() + " vertices");
    for (JsonNode c : ring) {
      for (JsonNode v : c) {
        assertEquals(Math.round(v.asDouble() * 1e4) / 1e4, v.asDouble(), 0.0, "4 decimals: " + v);
      }
      double r = Math.hypot(c.get(0).asDouble() - 21.0, c.get(1).asDouble() - 52.3);
      assertEquals(1.0, r, 1e-4, "vertices stay on the outline");
    }
    JsonNode counties = MapServer.JSON.readTree(AreaShapes.json(index(), BoundaryLevel.COUNTY));
    assertEquals(1, counties.path("features").size());
    assertEquals(0, MapServer.JSON.readTree(AreaShapes.json(index(), BoundaryLevel.MUNICIPALITY)).path("features").size());
  }

  @Test
  void aDocumentIsKeptUntilTheBoundariesChange() {
    AtomicReference<BoundaryIndex> current = new AtomicReference<>(index());
    AreaShapes shapes = new AreaShapes(current::get);
    StaticAssets.Asset before = shapes.of(BoundaryLevel.VOIVODESHIP);
    assertSame(before, shapes.of(BoundaryLevel.VOIVODESHIP), "built once per index");
    current.set(BoundaryIndex.of(List.of(
        new Boundary(BoundaryLevel.VOIVODESHIP, "02", "dolnośląskie", BoundaryBasemapTest.box(15, 50, 17, 51.5)))));
    StaticAssets.Asset after = shapes.of(BoundaryLevel.VOIVODESHIP);
    assertNotSame(before, after);
    assertTrue(new String(after.bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("dolnośląskie"));
    assertTrue(!before.etag().equals(after.etag()), "a new ETag for the new areas");
  }
}
