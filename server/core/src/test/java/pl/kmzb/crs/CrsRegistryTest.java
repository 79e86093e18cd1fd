package pl.kmzb.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrsRegistryTest {
  private final CrsRegistry registry = CrsRegistry.standard();

  @Test
  void listsTheNinePublishedCrsInOrder() {
    assertEquals(List.of("CRS:84", "EPSG:4326", "EPSG:4258", "EPSG:3857", "EPSG:2180", "EPSG:2176", "EPSG:2177",
        "EPSG:2178", "EPSG:2179"), registry.supported().stream().map(Crs::code).toList());
  }

  @Test
  void axisOrdersOfTheDefinitions() {
    for (String north : List.of("EPSG:4326", "EPSG:4258", "EPSG:2180", "EPSG:2176", "EPSG:2177", "EPSG:2178", "EPSG:2179")) {
      assertTrue(registry.require(north).northFirst(), north);
    }
    assertFalse(registry.require("CRS:84").northFirst());
    assertFalse(registry.require("EPSG:3857").northFirst());
    assertTrue(registry.require("EPSG:4258").geographic());
    assertFalse(registry.require("EPSG:2180").geographic());
  }

  @Test
  void readsEveryUsualSpellingOfAnEpsgCode() {
    for (String s : List.of("EPSG:2180", "epsg:2180", " EPSG:2180 ", "urn:ogc:def:crs:EPSG::2180",
        "URN:OGC:DEF:CRS:EPSG::2180", "urn:ogc:def:crs:EPSG:6.9:2180", "urn:ogc:def:crs:EPSG:6.18.3:2180",
        "urn:x-ogc:def:crs:EPSG:2180", "urn:x-ogc:def:crs:EPSG:6.11:2180", "http://www.opengis.net/def/crs/EPSG/0/2180",
        "https://www.opengis.net/def/crs/EPSG/0/2180", "http://www.opengis.net/gml/srs/epsg.xml#2180")) {
      assertEquals("EPSG:2180", registry.find(s).orElseThrow(() -> new AssertionError(s)).code(), s);
    }
    assertEquals(4326, registry.require("urn:ogc:def:crs:EPSG::4326").epsg());
    assertEquals(3857, registry.require("http://www.opengis.net/def/crs/EPSG/0/3857").epsg());
  }

  @Test
  void readsEverySpellingOfCrs84() {
    for (String s : List.of("CRS:84", "crs:84", "CRS84", "OGC:CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84", "urn:x-ogc:def:crs:OGC:1.3:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84")) {
      assertEquals("CRS:84", registry.find(s).orElseThrow(() -> new AssertionError(s)).code(), s);
    }
  }

  @Test
  void unknownOrMalformedIdentifiersAreRefusedByName() {
    for (String s : List.of("EPSG:2181", "EPSG:", "EPSG:abc", "urn:ogc:def:crs:EPSG::", "EPSG:21800000", "CRS:83",
        "http://www.opengis.net/def/crs/EPSG/0/2180/x", "2180", "")) {
      assertTrue(registry.find(s).isEmpty(), s);
      UnknownCrsException e = assertThrows(UnknownCrsException.class, () -> registry.require(s));
      assertTrue(e.getMessage().contains("'" + s + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("EPSG:2180"), "lists what is supported: " + e.getMessage());
      assertEquals(s, e.identifier());
    }
    assertTrue(registry.find(null).isEmpty());
  }

  @Test
  void writesUrisAndUrns() {
    Crs c = registry.require("EPSG:2180");
    assertEquals("http://www.opengis.net/def/crs/EPSG/0/2180", c.uri());
    assertEquals("urn:ogc:def:crs:EPSG::2180", c.urn());
    Crs lonLat = registry.require("CRS:84");
    assertEquals(0, lonLat.epsg());
    assertEquals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", lonLat.uri());
    assertEquals("urn:ogc:def:crs:OGC:1.3:CRS84", lonLat.urn());
    for (Crs crs : registry.supported()) {
      assertEquals(crs, registry.require(crs.uri()));
      assertEquals(crs, registry.require(crs.urn()));
      assertEquals(crs, registry.require(crs.code()));
    }
  }

  @Test
  void warmsWithoutError() {
    registry.warm();
  }
}
