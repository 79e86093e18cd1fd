package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Teryt;
import pl.kmzb.testing.PolishWaters;

/** Which outline says "in Poland" as boundary levels are loaded, and the codes that come with it. */
class TerritoryTest {
  static final LonLat WARSAW = new LonLat(21.01, 52.23);
  final AtomicReference<BoundaryIndex> loaded = new AtomicReference<>(BoundaryIndex.EMPTY);
  final Territory territory = new Territory(NationalOutline.poland(), loaded::get);

  Teryt locate(LonLat p) {
    return territory.locate(p.lon(), p.lat());
  }

  @Test
  void beforeAnyImportNaturalEarthsLandDecides() {
    assertNull(locate(PolishWaters.SZCZECIN_LAGOON));
    assertNull(locate(PolishWaters.GDANSK_BAY));
    assertEquals(Teryt.NONE, locate(PolishWaters.KRAKOW));
    assertNull(territory.locate(13.40, 52.52), "Berlin");
  }

  @Test
  void finerLevelsAloneWidenTheOutlineButDoNotReplaceIt() {
    loaded.set(BoundaryIndex.of(PolishWaters.countiesOnLand().boundaries()));
    assertEquals(new Teryt("12", "1261", null), locate(PolishWaters.KRAKOW));
    assertEquals(Teryt.NONE, locate(WARSAW), "in Natural Earth's Poland, in no loaded county");
    assertNull(locate(PolishWaters.SZCZECIN_LAGOON));
  }

  @Test
  void withVoivodeshipsLoadedPolandIsTheUnionOfTheBoundaries() {
    List<Boundary> all = new ArrayList<>(PolishWaters.voivodeships().boundaries());
    all.addAll(PolishWaters.countiesOnLand().boundaries());
    loaded.set(BoundaryIndex.of(all));
    assertEquals(new Teryt("32", null, null), locate(PolishWaters.SZCZECIN_LAGOON));
    assertEquals(new Teryt("22", null, null), locate(PolishWaters.GDANSK_BAY));
    assertEquals(new Teryt("12", "1261", null), locate(PolishWaters.KRAKOW), "a finer level counts too");
    assertNull(locate(WARSAW), "in Natural Earth's Poland, but in no loaded boundary");
    assertNull(territory.locate(Double.NaN, 54.45));
    assertNull(territory.locate(18.80, Double.POSITIVE_INFINITY));
  }

  @Test
  void followsTheIndexItIsGiven() {
    assertNull(locate(PolishWaters.GDANSK_BAY));
    loaded.set(BoundaryIndex.of(PolishWaters.voivodeships().boundaries()));
    assertEquals(new Teryt("22", null, null), locate(PolishWaters.GDANSK_BAY));
    loaded.set(BoundaryIndex.EMPTY);
    assertNull(locate(PolishWaters.GDANSK_BAY));
  }
}
