package pl.kmzb.roads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import pl.kmzb.store.JdbcRoadStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.RoadStore;
import pl.kmzb.store.StoreException;

/** The road network stored, versioned and replaced all or nothing, on each store. */
abstract class RoadImporterContract {
  static final GeometryFactory GEOMETRY = new GeometryFactory();
  ReportStore store;
  RoadStore roads;

  abstract ReportStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    roads = JdbcRoadStore.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Road road(String number, double... lonLat) {
    Coordinate[] cs = new Coordinate[lonLat.length / 2];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(lonLat[2 * i], lonLat[2 * i + 1]);
    }
    MultiLineString m = GEOMETRY.createMultiLineString(new LineString[] {GEOMETRY.createLineString(cs)});
    return new Road(number, RoadClass.ofNumber(number), m);
  }

  static RoadImport imported(Road... r) {
    return new RoadImport("test.geojson", List.of(r), List.of());
  }

  @Test
  void eachImportIsANewVersionThatReplacesTheNetworkWhole() {
    assertNull(roads.current());
    assertEquals(List.of(), roads.roads());
    RoadImporter.Result first = RoadImporter.run(store, imported(road("DK7", 20.0, 50.0, 20.1, 50.05, 20.2, 50.1),
        road("DW719", 20.5, 52.0, 20.6, 52.0)));
    assertEquals(new RoadImporter.Result(1, 2), first);
    List<Road> stored = roads.roads();
    assertEquals(List.of("DK7", "DW719"), stored.stream().map(Road::number).toList());
    assertEquals(RoadClass.VOIVODESHIP, stored.get(1).roadClass());
    assertTrue(stored.get(0).geometry().equalsExact(road("DK7", 20.0, 50.0, 20.1, 50.05, 20.2, 50.1).geometry(), 0));
    assertEquals(1, roads.current().version());
    assertEquals("test.geojson", roads.current().source());
    RoadImporter.Result second = RoadImporter.run(store, imported(road("S8", 19.0, 51.0, 19.1, 51.0)));
    assertEquals(2, second.version());
    assertEquals(List.of("S8"), roads.roads().stream().map(Road::number).toList(), "the old roads are gone");
    assertEquals(1, roads.current().roads());
  }

  @Test
  void aFileWithErrorsStoresNothingAndThePreviousVersionStays() {
    RoadImporter.run(store, imported(road("DK7", 20.0, 50.0, 20.1, 50.0)));
    RoadImport bad = new RoadImport("bad.geojson", List.of(road("DK1", 19.0, 50.0, 19.1, 50.0)),
        List.of("feature 1: no road number (number, numer, ref or nr)"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoadImporter.run(store, bad));
    assertTrue(e.getMessage().contains("feature 1: no road number"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RoadImporter.run(store, new RoadImport("empty.geojson",
        List.of(), List.of())));
    assertEquals(1, roads.current().version());
    assertEquals(List.of("DK7"), roads.roads().stream().map(Road::number).toList());
  }

  @Test
  void aWriteThatFailsHalfWayLeavesThePreviousVersion() {
    RoadImporter.run(store, imported(road("DK7", 20.0, 50.0, 20.1, 50.0)));
    // The same number twice breaks the primary key on the second row, after the version row and the
    // first road were written: the transaction must take them back.
    assertThrows(StoreException.class, () -> roads.replace(List.of(road("DK1", 19.0, 50.0, 19.1, 50.0),
        road("DK1", 19.2, 50.0, 19.3, 50.0)), "broken.geojson"));
    assertEquals(1, roads.current().version());
    assertEquals("test.geojson", roads.current().source());
    assertEquals(List.of("DK7"), roads.roads().stream().map(Road::number).toList());
    assertEquals(2, RoadImporter.run(store, imported(road("DK1", 19.0, 50.0, 19.1, 50.0))).version());
  }
}
