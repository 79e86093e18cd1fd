package pl.kmzb.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.JdbcIndicatorStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StoreException;

/**
 * Indicator and population imports on each store: stored and read back with exact rates, a later
 * file replaces only the series it carries, and a bad file (or a store failure half-way) leaves the
 * previous version whole.
 */
abstract class IndicatorStoreContract {
  static final IndicatorCatalog CATALOG = IndicatorCatalog.load(null);
  static final GeometryFactory GEOMETRY = new GeometryFactory();
  @TempDir Path dir;
  ReportStore store;
  JdbcIndicatorStore indicators;

  abstract ReportStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    indicators = JdbcIndicatorStore.of(store);
    JdbcBoundaryStore.of(store).replace(BoundaryLevel.COUNTY, List.of(
        county("1261", "Kraków", 19.8, 50.0), county("1465", "Warszawa", 20.9, 52.1), county("0264", "Wrocław", 16.9, 51.0)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Boundary county(String code, String name, double lon, double lat) {
    Geometry box = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(lon, lat), new Coordinate(lon + 0.2, lat),
        new Coordinate(lon + 0.2, lat + 0.2), new Coordinate(lon, lat + 0.2), new Coordinate(lon, lat)});
    return new Boundary(BoundaryLevel.COUNTY, code, name, box);
  }

  Path file(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  void importGoodFiles() throws IOException {
    IndicatorImporter.population(store, BoundaryLevel.COUNTY, file("gus.csv",
        "teryt,year,population", "1261,2024,800000", "1465,2024,1600000", "0264,2023,640000"));
    IndicatorImporter.indicators(store, CATALOG, BoundaryLevel.COUNTY, file("kgp.csv",
        "teryt,indicator,period,value",
        "1261,road_accidents,2024,37", "1465,road_accidents,2024,120", "0264,road_accidents,2024,50",
        "1261,road_accidents,2023,41", "1261,sense_of_safety,2024,81.25"));
  }

  @Test
  void importedValuesComeBackWithExactRates() throws IOException {
    importGoodFiles();
    assertEquals(2, indicators.version());
    IndicatorData data = IndicatorData.load(indicators);
    Indicator accidents = CATALOG.find("road_accidents").orElseThrow();
    // 37 × 100,000 / 800,000 = 4.625; 120 × 100,000 / 1,600,000 = 7.5; Wrocław has no 2024 population.
    assertEquals(List.of(new IndicatorRow("0264", "Wrocław", "2024", 50, null, null),
        new IndicatorRow("1261", "Kraków", "2024", 37, 800_000L, 4.625),
        new IndicatorRow("1465", "Warszawa", "2024", 120, 1_600_000L, 7.5)),
        data.rows(accidents, BoundaryLevel.COUNTY, "2024", 100_000));
    // Per 10,000: 0.4625 and 0.75.
    assertEquals(List.of(0.4625, 0.75), data.rows(accidents, BoundaryLevel.COUNTY, "2024", 10_000).stream()
        .filter(r -> r.rate() != null).map(IndicatorRow::rate).toList());
    // per = 1: the values with their population, no rate.
    assertEquals(new IndicatorRow("1261", "Kraków", "2024", 37, 800_000L, null),
        data.rows(accidents, BoundaryLevel.COUNTY, "2024", 1).get(1));
    // Not a count: never a rate.
    assertEquals(new IndicatorRow("1261", "Kraków", "2024", 81.25, 800_000L, null),
        data.rows(CATALOG.find("sense_of_safety").orElseThrow(), BoundaryLevel.COUNTY, "2024", 100_000).get(0));
    assertEquals(List.of("2023", "2024"), data.periods("road_accidents", BoundaryLevel.COUNTY));
    assertEquals(Set.of(BoundaryLevel.COUNTY), data.levels("road_accidents"));
    assertEquals(List.of(2023, 2024), data.populationYears(BoundaryLevel.COUNTY));
    List<JdbcIndicatorStore.ImportRecord> imports = indicators.imports();
    assertEquals(List.of(2L, 1L), imports.stream().map(JdbcIndicatorStore.ImportRecord::id).toList());
    assertEquals("indicators", imports.get(0).kind());
    assertEquals("kgp.csv", imports.get(0).source());
    assertEquals(5, imports.get(0).rows());
  }

  @Test
  void aLaterFileReplacesOnlyTheSeriesItCarries() throws IOException {
    importGoodFiles();
    IndicatorImporter.indicators(store, CATALOG, BoundaryLevel.COUNTY, file("fix.csv",
        "teryt,indicator,period,value", "1261,road_accidents,2024,38"));
    IndicatorData data = IndicatorData.load(indicators);
    Indicator accidents = CATALOG.find("road_accidents").orElseThrow();
    // The 2024 accident series is now the one row; 2023 and the survey stay.
    assertEquals(List.of(new IndicatorRow("1261", "Kraków", "2024", 38, 800_000L, null)),
        data.rows(accidents, BoundaryLevel.COUNTY, "2024", 1));
    assertEquals(1, data.rows(accidents, BoundaryLevel.COUNTY, "2023", 1).size());
    assertEquals(1, data.rows(CATALOG.find("sense_of_safety").orElseThrow(), BoundaryLevel.COUNTY, "2024", 1).size());
    assertEquals(3, data.version());
  }

  @Test
  void aBadFileChangesNothing() throws IOException {
    importGoodFiles();
    List<IndicatorValue> before = indicators.indicatorValues();
    List<PopulationValue> populationBefore = indicators.population();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        IndicatorImporter.indicators(store, CATALOG, BoundaryLevel.COUNTY, file("bad.csv",
            "teryt,indicator,period,value", "1261,road_accidents,2024,1", "1465,road_accidents,2024,x")));
    assertEquals("nothing imported: 1 county indicator values read, 1 problems\n"
        + "  - line 3: bad number: value 'x' is not a plain decimal number", e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () ->
        IndicatorImporter.population(store, BoundaryLevel.COUNTY, file("badgus.csv",
            "teryt,year,population", "1261,2024,1", "1262,2024,5")));
    assertTrue(p.getMessage().contains("line 3: unknown TERYT code: no county with code 1262"), p.getMessage());
    assertEquals(2, indicators.version());
    assertEquals(before, indicators.indicatorValues());
    assertEquals(populationBefore, indicators.population());
  }

  @Test
  void aStoreFailureHalfWayRollsTheWholeImportBack() throws IOException {
    importGoodFiles();
    List<IndicatorValue> before = indicators.indicatorValues();
    // Built past the reader's checks: the second row repeats the first's key, so the insert fails
    // after the 2024 series was deleted and the import recorded; all of it must roll back.
    IndicatorImport twice = new IndicatorImport(BoundaryLevel.COUNTY, List.of(
        new IndicatorValue("road_accidents", BoundaryLevel.COUNTY, "1261", "2024", 1),
        new IndicatorValue("road_accidents", BoundaryLevel.COUNTY, "1261", "2024", 2)), List.of());
    assertThrows(StoreException.class, () -> indicators.replaceIndicators(twice, "twice.csv"));
    assertEquals(2, indicators.version());
    assertEquals(before, indicators.indicatorValues());
    assertEquals(2, indicators.imports().size());
  }
}
