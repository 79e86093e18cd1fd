package pl.kmzb.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.boundary.BoundaryLevel;

/** Indicator and population files read line by line: good files, and each kind of problem by line. */
class StatisticsFileReaderTest {
  static final Set<String> COUNTIES = Set.of("1261", "1465", "0264");
  static final IndicatorCatalog CATALOG = IndicatorCatalog.load(null);
  final StatisticsFileReader reader = new StatisticsFileReader(BoundaryLevel.COUNTY, COUNTIES);

  static BufferedReader text(String... lines) {
    return new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
  }

  @Test
  void readsAGoodIndicatorFile() {
    IndicatorImport read = reader.readIndicators(text(
        "\uFEFFteryt,indicator,period,value",
        "1261,road_accidents,2024,37",
        "",
        "1465,road_accidents,2024,120",
        "\"0264\",sense_of_safety,2024-Q2,81.25"), CATALOG);
    assertEquals(List.of(), read.errors());
    assertEquals(List.of(
        new IndicatorValue("road_accidents", BoundaryLevel.COUNTY, "1261", "2024", 37),
        new IndicatorValue("road_accidents", BoundaryLevel.COUNTY, "1465", "2024", 120),
        new IndicatorValue("sense_of_safety", BoundaryLevel.COUNTY, "0264", "2024-Q2", 81.25)), read.values());
  }

  @Test
  void semicolonsAndDecimalCommasAsPolishSpreadsheetsWriteThem() {
    IndicatorImport read = reader.readIndicators(text(
        "period;value;teryt;indicator",
        "2024-07;81,5;1261;sense_of_safety"), CATALOG);
    assertEquals(List.of(), read.errors());
    assertEquals(81.5, read.values().get(0).value());
    assertEquals("2024-07", read.values().get(0).period());
  }

  @Test
  void everyProblemIsNamedByLine() {
    IndicatorImport read = reader.readIndicators(text(
        "teryt,indicator,period,value",
        "1261,road_accidents,2024,37",
        "9999,road_accidents,2024,3",
        "126,road_accidents,2024,3",
        "1465,road_rage,2024,3",
        "1465,road_accidents,2024,3.5",
        "1465,road_accidents,2023,1e3",
        "1465,road_accidents,2022,-1",
        "1465,road_accidents,24,1",
        "1261,road_accidents,2024,40",
        "1261,road_accidents"), CATALOG);
    assertEquals(List.of(
        "line 3: unknown TERYT code: no county with code 9999 among the 3 imported county boundaries",
        "line 4: unknown TERYT code: '126' is not a county TERYT code (4 digits)",
        "line 5: unknown indicator 'road_rage' (not in indicators.yaml)",
        "line 6: bad number: value '3.5' of the count 'road_accidents' must be a whole number, 0 or more",
        "line 7: bad number: value '1e3' is not a plain decimal number",
        "line 8: bad number: value '-1' of the count 'road_accidents' must be a whole number, 0 or more",
        "line 9: period '24' is not YYYY, YYYY-H1..H2, YYYY-Q1..Q4 or YYYY-MM",
        "line 10: duplicate key: teryt 1261, indicator road_accidents, period 2024 is already on line 2",
        "line 11: expected 4 fields (teryt,indicator,period,value)"), read.errors());
    assertEquals(1, read.values().size());
    assertTrue(!read.ok());
  }

  @Test
  void headerAndEmptyFiles() {
    assertEquals(List.of("line 1: the header is 'code,indicator,period,value'; expected the columns"
        + " teryt,indicator,period,value (any order, separated by ',' or ';')"),
        reader.readIndicators(text("code,indicator,period,value", "1261,road_accidents,2024,1"), CATALOG).errors());
    assertEquals(List.of("line 1: the file is empty; expected the header teryt,indicator,period,value"),
        reader.readIndicators(new BufferedReader(new StringReader("")), CATALOG).errors());
    assertEquals(List.of("no records after the header"),
        reader.readIndicators(text("teryt,indicator,period,value"), CATALOG).errors());
    assertEquals(List.of("no records, and no county boundaries are imported (import-boundaries first)"),
        new StatisticsFileReader(BoundaryLevel.COUNTY, Set.of()).readPopulation(text("teryt,year,population")).errors());
  }

  @Test
  void errorsStopAfterAHundred() {
    StringBuilder body = new StringBuilder("teryt,indicator,period,value\n");
    for (int i = 0; i < 500; i++) {
      body.append("9999,road_accidents,2024,1\n");
    }
    List<String> errors = reader.readIndicators(new BufferedReader(new StringReader(body.toString())), CATALOG).errors();
    assertEquals(101, errors.size());
    assertEquals("more than 100 problems; reading stopped at line 102", errors.get(100));
  }

  @Test
  void populationFile() {
    PopulationImport read = reader.readPopulation(text(
        "teryt,year,population",
        "1261,2024,800000",
        "1465,2024,1861000",
        "1261,2024,800001",
        "0264,24,1",
        "0264,2024,0",
        "0264,2024,12.5",
        "0264,2023,674000"));
    assertEquals(List.of(
        "line 4: duplicate key: teryt 1261, year 2024 is already on line 2",
        "line 5: bad number: year '24' is not a year 1900-2100",
        "line 6: bad number: population '0' is not a whole number from 1 to 100000000",
        "line 7: bad number: population '12.5' is not a whole number from 1 to 100000000"), read.errors());
    assertEquals(List.of(new PopulationValue(BoundaryLevel.COUNTY, "1261", 2024, 800_000),
        new PopulationValue(BoundaryLevel.COUNTY, "1465", 2024, 1_861_000),
        new PopulationValue(BoundaryLevel.COUNTY, "0264", 2023, 674_000)), read.values());
  }
}
