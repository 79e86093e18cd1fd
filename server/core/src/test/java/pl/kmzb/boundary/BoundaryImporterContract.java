package pl.kmzb.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.ChangeKind;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.ReportStore;

/** Boundaries stored, read back and applied to every report, on each store. */
abstract class BoundaryImporterContract {
  static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
  ReportStore store;

  abstract ReportStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
        new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
  }

  static BoundaryImport counties(Boundary... b) {
    return new BoundaryImport(BoundaryLevel.COUNTY, List.of(b), 0, List.of());
  }

  Report at(double lon, double lat) {
    return store.insert(NewReport.of("speeding", new LonLat(lon, lat), Instant.now(), Source.CITIZEN), "test");
  }

  Teryt teryt(Report r) {
    return store.find(r.id()).orElseThrow().teryt();
  }

  @Test
  void importAssignsEveryReportAndReRunningChangesNothing() {
    Report west = at(19.9, 50.05);
    Report east = at(20.1, 50.05);
    Report border = at(20.0, 50.05);
    Report outside = at(21.0, 52.0);
    long seq = store.lastChangeSeq();
    BoundaryImport counties = counties(new Boundary(BoundaryLevel.COUNTY, "1261", "Kraków", box(19.8, 50.0, 20.0, 50.1)),
        new Boundary(BoundaryLevel.COUNTY, "1206", "krakowski", box(20.0, 50.0, 20.2, 50.1)));
    BoundaryImporter.Result result = BoundaryImporter.run(store, counties);
    assertEquals(3, result.reportsChanged());
    assertEquals(2, result.boundaries());
    assertEquals(new Teryt("12", "1261", null), teryt(west));
    assertEquals(new Teryt("12", "1206", null), teryt(east));
    assertEquals(new Teryt("12", "1206", null), teryt(border), "shared border: the smallest code");
    assertEquals(Teryt.NONE, teryt(outside));
    assertEquals(List.of(ChangeKind.EDITED, ChangeKind.EDITED, ChangeKind.EDITED),
        store.changesSince(seq, 10).stream().map(c -> c.kind()).toList());
    assertEquals(0, BoundaryImporter.run(store, counties).reportsChanged(), "re-running changes nothing");
    // Stored geometry reads back equal.
    List<Boundary> stored = JdbcBoundaryStore.of(store).all();
    assertEquals(List.of("1206", "1261"), stored.stream().map(Boundary::code).toList());
    assertTrue(stored.get(1).geometry().equalsTopo(box(19.8, 50.0, 20.0, 50.1)));
    assertEquals("Kraków", stored.get(1).name());
  }

  @Test
  void finerLevelsRefineAndReplacingALevelReassigns() {
    Report r = at(19.95, 50.05);
    BoundaryImporter.run(store, counties(new Boundary(BoundaryLevel.COUNTY, "1261", "Kraków", box(19.8, 50.0, 20.0, 50.1))));
    BoundaryImporter.run(store, new BoundaryImport(BoundaryLevel.MUNICIPALITY, List.of(
        new Boundary(BoundaryLevel.MUNICIPALITY, "1261011", "Kraków", box(19.8, 50.0, 20.0, 50.1))), 0, List.of()));
    assertEquals(Teryt.ofMunicipality("1261011"), teryt(r));
    BoundaryImporter.run(store, counties(new Boundary(BoundaryLevel.COUNTY, "1465", "Warszawa", box(19.8, 50.0, 20.0, 50.1))));
    assertEquals(Teryt.ofMunicipality("1261011"), teryt(r), "the municipality layer still decides");
    assertEquals(2, JdbcBoundaryStore.of(store).all().size(), "the county level was replaced, not added to");
  }

  @Test
  void aFileWithErrorsStoresNothing() {
    Report r = at(19.9, 50.05);
    BoundaryImport bad = new BoundaryImport(BoundaryLevel.COUNTY, List.of(), 0, List.of("feature 3: no code"));
    assertThrows(IllegalArgumentException.class, () -> BoundaryImporter.run(store, bad));
    assertEquals(List.of(), JdbcBoundaryStore.of(store).all());
    assertEquals(Teryt.NONE, teryt(r));
  }
}
