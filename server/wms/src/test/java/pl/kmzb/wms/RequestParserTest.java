package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.WmsSettings;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.Queryables;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;
import pl.kmzb.report.Teryt;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.visibility.VisibilityPolicy;

class RequestParserTest {
  static final CategoryCatalog CATEGORIES = CategoryCatalog.load(null);
  static final LayerCatalog LAYERS = LayerCatalog.load(null, CATEGORIES);
  static final StyleCatalog STYLES = StyleCatalog.load(null, CATEGORIES, LAYERS);
  static final CrsRegistry CRS = CrsRegistry.standard();
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATEGORIES, p -> Teryt.NONE);
  static final RequestParser PARSER = new RequestParser(LAYERS, STYLES, CRS, new WmsSettings(2048, 2048, 8, 16, 2, 6, 20),
      new LayerFilters(POLICY, new FilterParser(CATEGORIES), new TimeDimension(Clock.systemUTC()),
          Queryables.publicView(POLICY), Queryables.policeView(CATEGORIES, Clock.systemUTC()), FilterCrs.crs84(CRS)));
  static final Optional<Actor> OFFICER = Optional.of(new Actor("o", Role.OFFICER, java.util.Set.of("1465")));

  static WmsParams params(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    String[] base = {"REQUEST", "GetMap", "LAYERS", "threats.points", "STYLES", "", "WIDTH", "256", "HEIGHT", "256",
        "FORMAT", "image/png"};
    for (int i = 0; i < base.length; i += 2) {
      m.put(base[i], List.of(base[i + 1]));
    }
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        m.remove(kv[i]);
      } else {
        m.put(kv[i], List.of(kv[i + 1]));
      }
    }
    return WmsParams.of(m);
  }

  static Bounds bbox(WmsVersion v, String crs, String bbox) {
    return PARSER.map(params(v == WmsVersion.V1_3_0 ? "CRS" : "SRS", crs, "BBOX", bbox), v, Optional.empty()).bbox();
  }

  @Test
  void version130FollowsEachCrsDefinitionAnd111IsAlwaysEastFirst() {
    Bounds lonLat = new Bounds(20, 52, 21, 53);
    assertEquals(lonLat, bbox(WmsVersion.V1_3_0, "EPSG:4326", "52,20,53,21"));
    assertEquals(lonLat, bbox(WmsVersion.V1_3_0, "EPSG:4258", "52,20,53,21"));
    assertEquals(lonLat, bbox(WmsVersion.V1_3_0, "CRS:84", "20,52,21,53"));
    assertEquals(lonLat, bbox(WmsVersion.V1_1_1, "EPSG:4326", "20,52,21,53"));
    Bounds en = new Bounds(600000, 480000, 610000, 490000);
    for (String pl : List.of("EPSG:2180", "EPSG:2176", "EPSG:2177", "EPSG:2178", "EPSG:2179")) {
      assertEquals(en, bbox(WmsVersion.V1_3_0, pl, "480000,600000,490000,610000"), pl + " is northing first in 1.3.0");
      assertEquals(en, bbox(WmsVersion.V1_1_1, pl, "600000,480000,610000,490000"), pl + " is east first in 1.1.1");
    }
    assertEquals(en, bbox(WmsVersion.V1_3_0, "EPSG:3857", "600000,480000,610000,490000"));
    assertEquals(lonLat, bbox(WmsVersion.V1_3_0, "urn:ogc:def:crs:EPSG::4326", "52,20,53,21"));
    assertEquals(lonLat, PARSER.map(params("CRS", "EPSG:4326", "BBOX", "20,52,21,53"), WmsVersion.V1_1_1,
        Optional.empty()).bbox(), "a 1.1.1 request naming CRS instead of SRS is still east first");
  }

  @Test
  void theCacheKeyIgnoresSpellingVersionAndOrder() {
    MapRequest a = PARSER.map(params("CRS", "EPSG:4326", "BBOX", "52,20,53,21", "STYLES", "",
        "STATUS", "new,verification"), WmsVersion.V1_3_0, Optional.empty());
    MapRequest b = PARSER.map(params("SRS", "EPSG:4326", "BBOX", "20.0000000000001,52,21,53", "STYLES", "threats-points",
        "status", "verification,new"), WmsVersion.V1_1_1, Optional.empty());
    assertEquals(MapKeys.of(a), MapKeys.of(b));
    MapRequest other = PARSER.map(params("SRS", "EPSG:4326", "BBOX", "20.1,52,21,53"), WmsVersion.V1_1_1,
        Optional.empty());
    assertNotEquals(MapKeys.of(a), MapKeys.of(other));
    MapRequest police = PARSER.map(params("SRS", "EPSG:4326", "BBOX", "20,52,21,53", "LAYERS", "police.reports"),
        WmsVersion.V1_1_1, OFFICER);
    assertNull(MapKeys.of(police), "police maps are never cached");
  }

  @Test
  void groupsAreExpandedIntoTheLayersTheCallerMaySee() {
    RequestParser roomy = new RequestParser(LAYERS, STYLES, CRS, new WmsSettings(2048, 2048, 200, 16, 2, 6, 20),
        new LayerFilters(POLICY, new FilterParser(CATEGORIES), new TimeDimension(Clock.systemUTC()),
            Queryables.publicView(POLICY), Queryables.policeView(CATEGORIES, Clock.systemUTC()), FilterCrs.crs84(CRS)));
    MapRequest r = roomy.map(params("CRS", "CRS:84", "BBOX", "20,52,21,53", "LAYERS", "threats"), WmsVersion.V1_3_0,
        Optional.empty());
    assertTrue(r.layers().size() > 2);
    assertTrue(r.layers().stream().noneMatch(l -> l.layer().kind() == LayerKind.GROUP), "groups are replaced");
    assertTrue(r.layers().stream().anyMatch(l -> l.layer().id().equals("threats.clusters")));
    assertTrue(r.layers().stream().allMatch(l -> l.layer().isPublic()));
  }

  @Test
  void layerLimitCountsANamedGroupAsOneLayer() {
    // PARSER's wms.max-layers is 8; the group threats holds more layers than that.
    String eight = String.join(",", java.util.Collections.nCopies(8, "threats"));
    MapRequest r = PARSER.map(params("CRS", "CRS:84", "BBOX", "20,52,21,53", "LAYERS", eight, "STYLES", ",,,,,,,"),
        WmsVersion.V1_3_0, Optional.empty());
    assertTrue(r.layers().size() > 8, "eight groups, each drawn as all its layers: " + r.layers().size());
    WmsException tooMany = assertThrows(WmsException.class, () -> PARSER.map(params("CRS", "CRS:84", "BBOX",
        "20,52,21,53", "LAYERS", eight + ",threats"), WmsVersion.V1_3_0, Optional.empty()));
    assertEquals(ExceptionCode.INVALID_PARAMETER_VALUE, tooMany.code(), "nine names are more than wms.max-layers");
  }

  @Test
  void exponentialNotationInTheBboxIsTheSameBox() {
    assertEquals(bbox(WmsVersion.V1_3_0, "CRS:84", "-0.005,-0.0025,0.005,0.0025"),
        bbox(WmsVersion.V1_3_0, "CRS:84", "-.0005E1,-25E-4,+05E-3,.00025E+1"));
  }

  @Test
  void policeLayersAskAnonymousCallersForCredentials() {
    WmsException e = assertThrows(WmsException.class, () -> PARSER.map(params("CRS", "CRS:84", "BBOX", "20,52,21,53",
        "LAYERS", "police.reports"), WmsVersion.V1_3_0, Optional.empty()));
    assertEquals(401, e.status());
    assertTrue(e.headers().get("WWW-Authenticate").startsWith("Basic realm=\"kmzb\""));
  }

  @Test
  void aTimeListOfDisjointSpansIsDrawnInPasses() {
    MapRequest r = PARSER.map(params("CRS", "CRS:84", "BBOX", "20,52,21,53", "TIME", "2024-01-01,2024-01-02,2024-03-01",
        "FROM", "2024-01-02"), WmsVersion.V1_3_0, Optional.empty());
    List<pl.kmzb.filter.ReportFilter> passes = r.layers().get(0).filters();
    assertEquals(2, passes.size(), "January 1-2 and March 1, two passes");
    assertEquals(java.time.Instant.parse("2024-01-01T23:00:00Z"), passes.get(0).from(), "FROM narrows the first span");
    assertEquals(java.time.Instant.parse("2024-01-02T23:00:00Z"), passes.get(0).to());
    MapRequest none = PARSER.map(params("CRS", "CRS:84", "BBOX", "20,52,21,53", "TIME", "2024-01-01",
        "TO", "2023-06-01"), WmsVersion.V1_3_0, Optional.empty());
    assertTrue(none.layers().get(0).filters().isEmpty(), "TIME and TO select nothing together: nothing is drawn");
  }

  @Test
  void tiledRequestsOnAGridAreKeyedByTheTile() {
    double w = 20037508.342789244;
    double span = 2 * w / 16;
    String bbox = (-w + 9 * span) + "," + (w - 6 * span) + "," + (-w + 10 * span) + "," + (w - 5 * span);
    MapRequest t = PARSER.map(params("CRS", "EPSG:3857", "BBOX", bbox, "TILED", "true"), WmsVersion.V1_3_0,
        Optional.empty());
    assertNotNull(t.tile());
    assertEquals("WebMercatorQuad@256/4/9/5", t.tile().key());
    assertTrue(MapKeys.of(t).contains("WebMercatorQuad@256/4/9/5"));
    assertNull(PARSER.map(params("CRS", "EPSG:3857", "BBOX", bbox), WmsVersion.V1_3_0, Optional.empty()).tile(),
        "only TILED=true requests are matched");
  }

  @Test
  void sldBodyStylesALayerAndIsNeverCached() {
    String sld = "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\">"
        + "<NamedLayer><Name>threats.points</Name><NamedStyle><Name>threats-points</Name></NamedStyle></NamedLayer>"
        + "</StyledLayerDescriptor>";
    MapRequest r = PARSER.map(params("CRS", "CRS:84", "BBOX", "20,52,21,53", "LAYERS", null, "SLD_BODY", sld),
        WmsVersion.V1_3_0, Optional.empty());
    assertEquals("threats.points", r.layers().get(0).layer().id());
    assertNull(MapKeys.of(r));
    WmsException bad = assertThrows(WmsException.class, () -> PARSER.map(params("CRS", "CRS:84", "BBOX",
        "20,52,21,53", "SLD_BODY", "<not-sld/>"), WmsVersion.V1_3_0, Optional.empty()));
    assertEquals("SLD_BODY", bad.locator());
  }
}
