package pl.kmzb.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.VisibilityPolicy;

class FilterParserTest {
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  static final FilterParser PARSER = new FilterParser(CATALOG);
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG, p -> Teryt.NONE);

  static ReportFilter parse(Visibility v, String... kv) {
    Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      params.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return v == Visibility.PUBLIC ? POLICY.parse(params) : PARSER.parse(params);
  }

  static FilterException error(Visibility v, String... kv) {
    return assertThrows(FilterException.class, () -> parse(v, kv));
  }

  @Test
  void utcTimestampsTakeAShortcutThatAgreesWithTheGeneralParser() {
    for (String v : List.of("2016-10-05T00:01:52Z", "2024-02-29T23:59:59Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "2023-02-29T10:00:00Z", "2024-04-31T10:00:00Z", "2024-13-01T10:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T23:60:00Z", "2024-05-01T23:59:60Z", "2024-05-01t10:00:00z",
        "2024-05-01T1a:00:00Z", "2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00")) {
      Object general;
      try {
        general = v.length() == 20 && v.endsWith("Z")
            ? java.time.OffsetDateTime.parse(v).toInstant() : FilterParser.parseInstant(v);
      } catch (java.time.DateTimeException e) {
        general = "rejected";
      }
      Object shortcut;
      try {
        shortcut = FilterParser.parseInstant(v);
      } catch (java.time.DateTimeException e) {
        shortcut = "rejected";
      }
      assertEquals(general, shortcut, v);
    }
  }

  @Test
  void publicDefaultIsEveryPublicStatusAndHidesUnconfirmedVenues() {
    ReportFilter f = parse(Visibility.PUBLIC);
    assertEquals(Status.PUBLIC, f.statuses());
    assertEquals(Set.of("dangerous_entertainment_venue"), f.hiddenUnlessConfirmed());
    assertTrue(parse(Visibility.INTERNAL).statuses().isEmpty());
    assertTrue(parse(Visibility.INTERNAL).hiddenUnlessConfirmed().isEmpty());
  }

  @Test
  void valuesMayBeRepeatedOrCommaSeparated() {
    ReportFilter f = parse(Visibility.INTERNAL, "category", "speeding,illegal_parking", "category", "vandalism",
        "status", "new", "source", "citizen,officer", "area", "12,1465", "area", "1261011");
    assertEquals(Set.of("speeding", "illegal_parking", "vandalism"), f.categories());
    assertEquals(Set.of(Status.NEW), f.statuses());
    assertEquals(Set.of(Source.CITIZEN, Source.OFFICER), f.sources());
    assertEquals(Set.of("12", "1465", "1261011"), f.areas());
  }

  @Test
  void anonymousCallersMayNotAskForHiddenStatuses() {
    FilterException e = error(Visibility.PUBLIC, "status", "new,not_confirmed");
    assertEquals("status", e.parameter());
    assertTrue(e.getMessage().contains("not_confirmed"));
    assertEquals(Set.of(Status.NOT_CONFIRMED), parse(Visibility.INTERNAL, "status", "not_confirmed").statuses());
  }

  @Test
  void aDateAloneIsMidnightInWarsaw() {
    ReportFilter winter = parse(Visibility.PUBLIC, "from", "2024-01-15", "to", "2024-07-01");
    assertEquals(Instant.parse("2024-01-14T23:00:00Z"), winter.from());
    assertEquals(Instant.parse("2024-06-30T22:00:00Z"), winter.to());
    assertEquals(Instant.parse("2024-07-01T08:00:00Z"), parse(Visibility.PUBLIC, "from", "2024-07-01T10:00").from());
    assertEquals(Instant.parse("2024-07-01T10:00:00Z"), parse(Visibility.PUBLIC, "from", "2024-07-01T10:00:00Z").from());
    assertEquals(Instant.parse("2024-07-01T08:00:00Z"), parse(Visibility.PUBLIC, "from", "2024-07-01T10:00:00+02:00").from());
  }

  @Test
  void fromIsInclusiveAndToExclusive() {
    ReportFilter f = parse(Visibility.INTERNAL, "from", "2024-01-01T00:00:00Z", "to", "2024-01-02T00:00:00Z");
    assertTrue(f.test(at("2024-01-01T00:00:00Z")));
    assertTrue(!f.test(at("2024-01-02T00:00:00Z")));
    assertTrue(!f.test(at("2023-12-31T23:59:59.999Z")));
  }

  static pl.kmzb.report.Report at(String t) {
    return new pl.kmzb.report.Report(1, "speeding", Status.NEW, new pl.kmzb.geo.LonLat(21.0, 52.2), Instant.parse(t),
        null, null, null, false, Source.CITIZEN, null, null, false, null, false, Instant.parse(t), 1);
  }

  @Test
  void badValuesNameTheirParameter() {
    assertEquals("category", error(Visibility.PUBLIC, "category", "ufo").parameter());
    assertEquals("category", error(Visibility.PUBLIC, "category", "speeding,").parameter());
    assertEquals("status", error(Visibility.INTERNAL, "status", "Nowe").parameter());
    assertEquals("source", error(Visibility.PUBLIC, "source", "twitter").parameter());
    assertEquals("from", error(Visibility.PUBLIC, "from", "yesterday").parameter());
    assertEquals("from", error(Visibility.PUBLIC, "from", "2024-01-01", "from", "2024-02-01").parameter());
    assertEquals("to", error(Visibility.PUBLIC, "from", "2024-02-01", "to", "2024-01-01").parameter());
    assertEquals("to", error(Visibility.PUBLIC, "from", "2024-02-01", "to", "2024-02-01").parameter());
    assertEquals("area", error(Visibility.PUBLIC, "area", "123").parameter());
    assertEquals("area", error(Visibility.PUBLIC, "area", "1261019").parameter());
    assertEquals("bbox", error(Visibility.PUBLIC, "bbox", "1,2,3").parameter());
    assertEquals("bbox", error(Visibility.PUBLIC, "bbox", "14,49,nan,55").parameter());
    assertEquals("bbox", error(Visibility.PUBLIC, "bbox", "24,49,14,55").parameter());
    assertEquals("bbox", error(Visibility.PUBLIC, "bbox", "14,49,24,95").parameter());
  }

  @Test
  void bboxIsLonLat() {
    assertEquals(new Envelope(14.1, 49.0, 24.2, 54.9), parse(Visibility.PUBLIC, "bbox", "14.1,49,24.2,54.9").bbox());
    assertNull(parse(Visibility.PUBLIC).bbox());
  }

  @Test
  void cacheKeyIgnoresOrder() {
    assertEquals(parse(Visibility.PUBLIC, "category", "speeding,vandalism", "status", "new,verification").cacheKey(),
        parse(Visibility.PUBLIC, "status", "verification,new", "category", "vandalism", "category", "speeding").cacheKey());
    assertTrue(!parse(Visibility.PUBLIC).cacheKey().equals(parse(Visibility.INTERNAL).cacheKey()));
  }
}
