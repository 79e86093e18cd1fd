package pl.kmzb.fes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprFixtures;
import pl.kmzb.filter.FilterCrs;

class FesParserTest {
  static final CrsRegistry CRS = CrsRegistry.standard();
  static final String FES = "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\"";

  static FesParser parser(AxisOrder.Protocol protocol) {
    return new FesParser(ExprFixtures.POLICE, CRS, protocol, FilterCrs.crs84(CRS), Map.of("position", "geometry"));
  }

  static Expr parse(String body) {
    return parser(AxisOrder.Protocol.WFS_2_0_0).parse("<fes:Filter " + FES + ">" + body + "</fes:Filter>");
  }

  static Point point(String srsName, String pos) {
    Expr.Spatial s = (Expr.Spatial) parse("<fes:Intersects><fes:ValueReference>position</fes:ValueReference>"
        + "<gml:Point srsName=\"" + srsName + "\"><gml:pos>" + pos + "</gml:pos></gml:Point></fes:Intersects>");
    return (Point) s.lonLat();
  }

  @Test
  void srsNameSpellingsDecideTheAxisOrder() {
    Point urn = point("urn:ogc:def:crs:EPSG::4326", "50.06 19.94");
    assertEquals(19.94, urn.getX(), 1e-12);
    assertEquals(50.06, urn.getY(), 1e-12);
    Point uri = point("http://www.opengis.net/def/crs/EPSG/0/4326", "50.06 19.94");
    assertEquals(19.94, uri.getX(), 1e-12);
    Point shortForm = point("EPSG:4326", "19.94 50.06");
    assertEquals(19.94, shortForm.getX(), 1e-12);
    assertEquals(50.06, shortForm.getY(), 1e-12);
    Point pl1992 = point("urn:ogc:def:crs:EPSG::2180", "244000 566500");
    assertEquals(19.93, pl1992.getX(), 0.05);
    assertEquals(50.06, pl1992.getY(), 0.05);
    FesException unknown = assertThrows(FesException.class, () -> point("EPSG:9999", "1 2"));
    assertEquals(FesException.INVALID_VALUE, unknown.code());
    assertEquals("srsName", unknown.locator());
  }

  /** xsd:date may carry a time zone (the OGC WFS suite sends "2016-11-05Z"): still a calendar date. */
  @Test
  void datesWithATimeZoneAreCalendarDates() {
    for (String literal : new String[] {"2016-11-05", "2016-11-05Z", "2016-11-05+01:00"}) {
      assertEquals(new Expr.Compare(Expr.CompareOp.GE, "occurredOn", java.time.LocalDate.of(2016, 11, 5)),
          parse("<fes:PropertyIsGreaterThanOrEqualTo><fes:ValueReference>occurredOn</fes:ValueReference>"
              + "<fes:Literal>" + literal + "</fes:Literal></fes:PropertyIsGreaterThanOrEqualTo>"), literal);
    }
  }

  @Test
  void operatorsReadAsTheyMean() {
    assertEquals(new Expr.Compare(Expr.CompareOp.LT, "reportedAt", Instant.parse("2024-01-01T00:00:00Z")),
        parse("<fes:PropertyIsGreaterThan><fes:Literal>2024-01-01T00:00:00Z</fes:Literal>"
            + "<fes:ValueReference>kmzb:reports/kmzb:reportedAt</fes:ValueReference></fes:PropertyIsGreaterThan>"));
    assertEquals(new Expr.Like("category", "speeding", '%', '_', '\\', true),
        parse("<fes:PropertyIsEqualTo matchCase=\"false\"><fes:ValueReference>category</fes:ValueReference>"
            + "<fes:Literal>speeding</fes:Literal></fes:PropertyIsEqualTo>"));
    assertEquals(new Expr.ResourceId(Set.of(3L, 12L)),
        parse("<fes:ResourceId rid=\"reports.12\"/><fes:ResourceId rid=\"3\"/>"));
    assertEquals(new Expr.Temporal(Expr.TemporalOp.DURING, "reportedAt", Instant.parse("2024-01-01T00:00:00Z"), null),
        parse("<fes:During><fes:ValueReference>reportedAt</fes:ValueReference><gml:TimePeriod gml:id=\"p\">"
            + "<gml:beginPosition>2024-01-01T00:00:00Z</gml:beginPosition>"
            + "<gml:endPosition indeterminatePosition=\"unknown\"/></gml:TimePeriod></fes:During>"));
    Expr.Spatial d = (Expr.Spatial) parse("<fes:DWithin><fes:ValueReference>geometry</fes:ValueReference>"
        + "<gml:Point><gml:pos>19.94 50.06</gml:pos></gml:Point><fes:Distance uom=\"km\">1.5</fes:Distance></fes:DWithin>");
    assertEquals(1_500, d.distanceMetres(), 1e-9);
    Expr.Spatial box = (Expr.Spatial) parse("<fes:BBOX><gml:Envelope srsName=\"urn:ogc:def:crs:EPSG::4326\">"
        + "<gml:lowerCorner>50 19</gml:lowerCorner><gml:upperCorner>51 20</gml:upperCorner></gml:Envelope></fes:BBOX>");
    assertEquals(new org.locationtech.jts.geom.Envelope(19, 20, 50, 51), box.lonLat().getEnvelopeInternal());
    Expr.Spatial multi = (Expr.Spatial) parse("<fes:Within><fes:ValueReference>geometry</fes:ValueReference>"
        + "<gml:MultiSurface srsName=\"EPSG:4326\"><gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing>"
        + "<gml:posList>19 50 20 50 20 51 19 50</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
        + "</gml:surfaceMember></gml:MultiSurface></fes:Within>");
    assertEquals("MultiPolygon", multi.lonLat().getGeometryType());
  }

  @Test
  void fes11AsWfs11SendsIt() {
    FesParser p = parser(AxisOrder.Protocol.WFS_1_1_0);
    Expr e = p.parse("<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\">"
        + "<ogc:And><ogc:BBOX><ogc:PropertyName>position</ogc:PropertyName><gml:Box srsName=\"EPSG:4326\">"
        + "<gml:coordinates>19,50 20,51</gml:coordinates></gml:Box></ogc:BBOX>"
        + "<ogc:PropertyIsLike wildCard=\"*\" singleChar=\"#\" escape=\"!\"><ogc:PropertyName>description</ogc:PropertyName>"
        + "<ogc:Literal>*pewne!*</ogc:Literal></ogc:PropertyIsLike></ogc:And></ogc:Filter>");
    Expr.And and = (Expr.And) e;
    assertEquals(new org.locationtech.jts.geom.Envelope(19, 20, 50, 51),
        ((Expr.Spatial) and.parts().get(0)).lonLat().getEnvelopeInternal());
    assertEquals(new Expr.Like("description", "*pewne!*", '*', '#', '!', false), and.parts().get(1));
    assertEquals(new Expr.ResourceId(Set.of(7L)), p.parse("<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\">"
        + "<ogc:FeatureId fid=\"reports.7\"/></ogc:Filter>"));
  }

  @Test
  void errorsCarryTheCodeTheServiceReports() {
    FesException unknown = assertThrows(FesException.class, () -> parse(
        "<fes:PropertyIsEqualTo><fes:ValueReference>colour</fes:ValueReference><fes:Literal>red</fes:Literal>"
            + "</fes:PropertyIsEqualTo>"));
    assertEquals(FesException.INVALID_VALUE, unknown.code());
    assertEquals("colour", unknown.locator());
    FesException type = assertThrows(FesException.class, () -> parse(
        "<fes:PropertyIsLessThan><fes:ValueReference>reportedAt</fes:ValueReference><fes:Literal>soon</fes:Literal>"
            + "</fes:PropertyIsLessThan>"));
    assertEquals(FesException.INVALID_VALUE, type.code());
    assertEquals("reportedAt", type.locator());
    FesException function = assertThrows(FesException.class, () -> parse(
        "<fes:PropertyIsEqualTo><fes:Function name=\"strToLowerCase\"><fes:ValueReference>category</fes:ValueReference>"
            + "</fes:Function><fes:Literal>x</fes:Literal></fes:PropertyIsEqualTo>"));
    assertEquals(FesException.INVALID_VALUE, function.code());
    assertEquals(FesException.PARSING_FAILED,
        assertThrows(FesException.class, () -> parser(AxisOrder.Protocol.WFS_2_0_0).parse("<fes:Filter " + FES + ">"))
            .code());
    assertEquals(FesException.PARSING_FAILED, assertThrows(FesException.class,
        () -> parser(AxisOrder.Protocol.WFS_2_0_0).parse("<Filter><PropertyIsNull/></Filter>")).code());
    assertEquals(FesException.PARSING_FAILED, assertThrows(FesException.class, () -> parse(
        "<fes:PropertyIsNull><fes:ValueReference>id</fes:ValueReference></fes:PropertyIsNull>"
            + "<fes:PropertyIsNull><fes:ValueReference>id</fes:ValueReference></fes:PropertyIsNull>")).code());
    assertThrows(FesException.class, () -> ExprFixturesPublic.parse(
        "<fes:PropertyIsEqualTo><fes:ValueReference>source</fes:ValueReference><fes:Literal>citizen</fes:Literal>"
            + "</fes:PropertyIsEqualTo>"));
  }

  /** The public view refuses what anonymous callers cannot see. */
  static final class ExprFixturesPublic {
    static Expr parse(String body) {
      return new FesParser(ExprFixtures.PUBLIC, CRS, AxisOrder.Protocol.WFS_2_0_0, FilterCrs.crs84(CRS), Map.of())
          .parse("<fes:Filter " + FES + ">" + body + "</fes:Filter>");
    }
  }

  @Test
  void hostileXmlIsRefusedInBoundedTimeAndMemory(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<fes:Filter " + FES + "><fes:PropertyIsEqualTo><fes:ValueReference>category</fes:ValueReference>"
        + "<fes:Literal>&x;</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>";
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
        + "<fes:Filter " + FES + "><fes:PropertyIsEqualTo><fes:ValueReference>category</fes:ValueReference>"
        + "<fes:Literal>&g;</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>";
    String deep = "<fes:Filter " + FES + ">" + "<fes:Not>".repeat(10_000)
        + "<fes:PropertyIsNull><fes:ValueReference>id</fes:ValueReference></fes:PropertyIsNull>"
        + "</fes:Not>".repeat(10_000) + "</fes:Filter>";
    StringBuilder huge = new StringBuilder("<fes:Filter " + FES + "><fes:Or>");
    while (huge.length() < 5 << 20) {
      huge.append("<fes:PropertyIsNull><fes:ValueReference>id</fes:ValueReference></fes:PropertyIsNull>");
    }
    huge.append("</fes:Or></fes:Filter>");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (String hostile : List.of(xxe, laughs, deep, huge.toString())) {
        FesException e = assertThrows(FesException.class, () -> parser(AxisOrder.Protocol.WFS_2_0_0).parse(hostile));
        assertEquals(FesException.PARSING_FAILED, e.code());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
      }
    });
  }
  /** What the OGC WFS 2.0 suite (ets-wfs20 1.43) sends about properties every GML feature type has. */
  @Test
  void gmlStandardPropertiesAreAbsentNotUnknown() {
    assertEquals(Expr.INCLUDE, parse("<fes:PropertyIsNull><fes:ValueReference>gml:name</fes:ValueReference>"
        + "</fes:PropertyIsNull>"));
    assertEquals(Expr.EXCLUDE, parse("<fes:PropertyIsEqualTo><fes:ValueReference>gml:description</fes:ValueReference>"
        + "<fes:Literal>x</fes:Literal></fes:PropertyIsEqualTo>"));
    FesException envelope = assertThrows(FesException.class, () -> parse("<fes:PropertyIsLessThanOrEqualTo>"
        + "<fes:ValueReference>gml:boundedBy</fes:ValueReference><fes:Literal><gml:Envelope><gml:lowerCorner>0 0"
        + "</gml:lowerCorner><gml:upperCorner>1 1</gml:upperCorner></gml:Envelope></fes:Literal>"
        + "</fes:PropertyIsLessThanOrEqualTo>"));
    assertEquals(FesException.PROCESSING_FAILED, envelope.code());
    FesException unknown = assertThrows(FesException.class, () -> parse("<fes:PropertyIsNull>"
        + "<fes:ValueReference>kmzb:name</fes:ValueReference></fes:PropertyIsNull>"));
    assertEquals(FesException.INVALID_VALUE, unknown.code(), "only the gml: prefix names GML's properties");
  }

  @Test
  void generalisedToMetresSelectsTheCategoriesOfThatGrid() {
    FesParser publicParser = new FesParser(ExprFixtures.PUBLIC, CRS, AxisOrder.Protocol.WFS_2_0_0,
        FilterCrs.crs84(CRS), Map.of());
    Map<String, Integer> grids = ExprFixtures.PUBLIC.generalised();
    assertFalse(grids.isEmpty(), "the catalogue generalises some categories");
    int grid = grids.values().iterator().next();
    Expr.In equal = (Expr.In) publicParser.parse("<fes:Filter " + FES + "><fes:PropertyIsEqualTo><fes:Literal>" + grid
        + "</fes:Literal><fes:ValueReference>kmzb:generalisedToMetres</fes:ValueReference></fes:PropertyIsEqualTo>"
        + "</fes:Filter>");
    assertEquals("category", equal.property());
    assertEquals(grids.entrySet().stream().filter(e -> e.getValue() == grid).map(Map.Entry::getKey).sorted().toList(),
        equal.values());
    Expr.In exact = (Expr.In) publicParser.parse("<fes:Filter " + FES + "><fes:PropertyIsLessThan>"
        + "<fes:ValueReference>generalisedToMetres</fes:ValueReference><fes:Literal>1</fes:Literal>"
        + "</fes:PropertyIsLessThan></fes:Filter>");
    assertEquals(ExprFixtures.PUBLIC.groupOf().size() - grids.size(), exact.values().size());
    assertFalse(exact.values().stream().anyMatch(grids::containsKey));
    assertEquals(Expr.EXCLUDE, parse("<fes:PropertyIsGreaterThan><fes:ValueReference>generalisedToMetres"
        + "</fes:ValueReference><fes:Literal>0</fes:Literal></fes:PropertyIsGreaterThan>"), "police see exact positions");
  }

  @Test
  void resourceIdsThisServerNeverGaveOutSelectNothing() {
    assertEquals(new Expr.ResourceId(Set.of()), parse("<fes:ResourceId rid=\"test-5d1c2b\"/>"));
  }
}
