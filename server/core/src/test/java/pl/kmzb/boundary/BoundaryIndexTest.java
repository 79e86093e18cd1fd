package pl.kmzb.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pl.kmzb.boundary.BoundaryLevel.COUNTY;
import static pl.kmzb.boundary.BoundaryLevel.MUNICIPALITY;
import static pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Teryt;

class BoundaryIndexTest {
  private final BoundaryIndex all = BoundaryIndex.of(TestCountry.all());

  private static Teryt t(String v, String c, String m) {
    return new Teryt(v, c, m);
  }

  @Test
  void assignsTheMunicipalityAndDerivesItsCountyAndVoivodeship() {
    assertEquals(Teryt.ofMunicipality("1206012"), all.assign(19.2, 50.1));
    assertEquals(Teryt.ofMunicipality("1465011"), all.assign(20.6, 50.2));
    assertEquals(Teryt.ofMunicipality("1401012"), all.assign(new LonLat(20.25, 50.75)));
  }

  @Test
  void aPointInAHoleBelongsToTheAreaFillingTheHole() {
    assertEquals(Teryt.ofMunicipality("1261011"), all.assign(19.5, 50.25));
    BoundaryIndex counties = BoundaryIndex.of(TestCountry.counties());
    assertEquals(t("12", "1261", null), counties.assign(19.5, 50.25));
    assertEquals(t("12", "1206", null), counties.assign(19.3, 50.25));
  }

  @Test
  void pointsOnSharedBordersGetTheSmallestCode() {
    // Edge of the hole: 1206012 (whose hole it is) and 1261011 both cover it.
    assertEquals(Teryt.ofMunicipality("1206012"), all.assign(19.4, 50.25));
    assertEquals(Teryt.ofMunicipality("1206012"), all.assign(19.6, 50.3));
    // Voivodeship border between 1206023 (12) and 1465011 (14).
    assertEquals(Teryt.ofMunicipality("1206023"), all.assign(20.0, 50.25));
    // Corner of four municipalities: 1201022, 1206023, 1401012, 1465011.
    assertEquals(Teryt.ofMunicipality("1201022"), all.assign(20.0, 50.5));
    // Outer corner of the country and a point on its outer edge still count as inside.
    assertEquals(Teryt.ofMunicipality("1206012"), all.assign(19.0, 50.0));
    assertEquals(Teryt.ofMunicipality("1465011"), all.assign(21.0, 50.25));
    BoundaryIndex voivodeships = BoundaryIndex.of(TestCountry.voivodeships());
    assertEquals(t("12", null, null), voivodeships.assign(20.0, 50.75));
    assertEquals(t("14", null, null), voivodeships.assign(20.0 + 1e-9, 50.75));
  }

  @Test
  void aGapInTheMunicipalityLayerFallsBackToTheCounty() {
    assertEquals(t("14", "1401", null), all.assign(20.75, 50.75));
    // On the gap's edge the municipality covers the point.
    assertEquals(Teryt.ofMunicipality("1401012"), all.assign(20.5, 50.75));
    BoundaryIndex municipalitiesAndVoivodeships = BoundaryIndex.of(concat(
        TestCountry.municipalities(), TestCountry.voivodeships()));
    assertEquals(t("14", null, null), municipalitiesAndVoivodeships.assign(20.75, 50.75));
    BoundaryIndex municipalitiesOnly = BoundaryIndex.of(TestCountry.municipalities());
    assertEquals(Teryt.NONE, municipalitiesOnly.assign(20.75, 50.75));
  }

  @Test
  void pointsOutsideEverythingGetNone() {
    assertEquals(Teryt.NONE, all.assign(18.5, 50.5));
    assertEquals(Teryt.NONE, all.assign(21.0 + 1e-9, 50.5));
    assertEquals(Teryt.NONE, all.assign(20.0, 51.5));
    assertEquals(Teryt.NONE, all.assign(Double.NaN, 50.5));
    assertEquals(Teryt.NONE, BoundaryIndex.EMPTY.assign(19.5, 50.25));
  }

  @Test
  void theFinestLevelDecidesWhenLayersDisagreeAtABorder() {
    // This county layer puts Warsaw 0.01° into Skała's municipality (1206023).
    List<Boundary> disagreeing = List.of(
        new Boundary(COUNTY, "1206", "powiat krakowski", TestCountry.box(19, 50, 19.99, 50.5)),
        new Boundary(COUNTY, "1465", "Warszawa", TestCountry.box(19.99, 50, 21, 50.5)),
        TestCountry.municipalities().get(1));
    BoundaryIndex index = BoundaryIndex.of(disagreeing);
    assertEquals(Teryt.ofMunicipality("1206023"), index.assign(19.995, 50.25));
    assertEquals(t("14", "1465", null), index.assign(20.5, 50.25));
  }

  /** Every subset of levels, on a grid that hits every border, against JTS's own covers(). */
  @Test
  void agreesWithABruteForceOracleOnAGridThroughEveryBorder() {
    List<LonLat> grid = grid();
    for (Set<BoundaryLevel> subset : subsets()) {
      List<Boundary> chosen = TestCountry.all().stream()
          .filter(b -> subset.contains(b.level())).toList();
      BoundaryIndex index = BoundaryIndex.of(chosen);
      assertEquals(subset, index.levels());
      for (LonLat p : grid) {
        assertEquals(oracle(chosen, p), index.assign(p), () -> "at " + p + " with " + subset);
      }
    }
  }

  @Test
  void answersTheSameFromManyThreads() {
    List<LonLat> grid = grid();
    List<Teryt> sequential = grid.stream().map(all::assign).toList();
    for (int round = 0; round < 20; round++) {
      BoundaryIndex fresh = BoundaryIndex.of(TestCountry.all());
      List<Teryt> parallel = grid.parallelStream().map(fresh::assign).toList();
      assertEquals(sequential, parallel);
    }
  }

  @Test
  void findsBoundariesByCodeAndCountsThem() {
    assertEquals(14, all.size());
    assertEquals(EnumSet.allOf(BoundaryLevel.class), all.levels());
    assertEquals("Kraków", all.find("1261").orElseThrow().name());
    assertEquals(MUNICIPALITY, all.find("1261011").orElseThrow().level());
    assertEquals(VOIVODESHIP, all.find("12").orElseThrow().level());
    assertTrue(all.find("1262").isEmpty());
    assertTrue(all.find(null).isEmpty());
    assertEquals(0, BoundaryIndex.EMPTY.size());
    assertTrue(BoundaryIndex.EMPTY.levels().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> all.levels().add(COUNTY));
  }

  @Test
  void rejectsTheSameCodeTwice() {
    Boundary twice = TestCountry.voivodeships().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BoundaryIndex.of(List.of(twice, twice)));
    assertTrue(e.getMessage().contains("12"), e.getMessage());
  }

  private static Teryt oracle(List<Boundary> boundaries, LonLat p) {
    var point = TestCountry.GF.createPoint(new org.locationtech.jts.geom.Coordinate(p.lon(), p.lat()));
    for (BoundaryLevel level : List.of(MUNICIPALITY, COUNTY, VOIVODESHIP)) {
      var smallest = boundaries.stream()
          .filter(b -> b.level() == level && b.geometry().covers(point))
          .map(Boundary::code).sorted().findFirst();
      if (smallest.isPresent()) {
        return level.teryt(smallest.get());
      }
    }
    return Teryt.NONE;
  }

  /** lon 18.9–21.1 and lat 49.9–51.1 in steps of 0.05°, so every fixture edge is on the grid. */
  private static List<LonLat> grid() {
    List<LonLat> points = new ArrayList<>();
    for (int x = 378; x <= 422; x++) {
      for (int y = 998; y <= 1022; y++) {
        points.add(new LonLat(x / 20.0, y / 20.0));
      }
    }
    return points;
  }

  private static List<Set<BoundaryLevel>> subsets() {
    BoundaryLevel[] levels = BoundaryLevel.values();
    return IntStream.range(1, 1 << levels.length)
        .mapToObj(mask -> IntStream.range(0, levels.length).filter(i -> (mask & (1 << i)) != 0)
            .mapToObj(i -> levels[i]).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(BoundaryLevel.class))))
        .map(s -> (Set<BoundaryLevel>) s).toList();
  }

  private static List<Boundary> concat(Collection<Boundary> a, Collection<Boundary> b) {
    List<Boundary> all = new ArrayList<>(a);
    all.addAll(b);
    assertFalse(all.isEmpty());
    return all;
  }
}
