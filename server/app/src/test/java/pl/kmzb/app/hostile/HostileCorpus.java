package pl.kmzb.app.hostile;

import static pl.kmzb.app.hostile.Attack.Expect.http;
import static pl.kmzb.app.hostile.Attack.Expect.ogc;
import static pl.kmzb.app.hostile.Attack.Expect.problem;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import pl.kmzb.app.hostile.Attack.Expect;

/**
 * The hostile-input corpus, generated: every request is built here from a valid one with one part
 * made hostile, so what is under test is always that one part. Expected answers follow each
 * protocol: WMS exception reports come with HTTP 200 (as WMS clients expect), WFS and WMTS reports
 * with their 4xx, the JSON APIs with RFC 7807 problems, and what HTTP itself refuses with its status.
 */
final class HostileCorpus {
  private final String basicAdmin;

  /** @param adminPassword the administrator's password: WFS-T bombs must reach the transaction reader */
  HostileCorpus(String adminPassword) {
    this.basicAdmin = "Authorization: Basic "
        + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
  }

  List<Attack> all() {
    return Stream.of(wmsKvp(), wfsKvp(), wmtsKvp(), xmlBombs(), json(), filters(), giantSizes(), tiles(),
        traversal(), uploads(), invalidUtf8(), headerFloods()).flatMap(List::stream).toList();
  }

  // --- request builders ---------------------------------------------------------------------------

  private static final Map<String, String> GET_MAP = ordered("SERVICE", "WMS", "VERSION", "1.3.0", "REQUEST", "GetMap",
      "LAYERS", "threats.clusters", "STYLES", "", "CRS", "EPSG:3857", "BBOX", "1500000,6270000,2700000,7350000",
      "WIDTH", "256", "HEIGHT", "256", "FORMAT", "image/png");

  private static final Map<String, String> GET_FEATURE_INFO = with(with(with(with(with(GET_MAP,
      "REQUEST", "GetFeatureInfo"), "QUERY_LAYERS", "threats.clusters"), "I", "128"), "J", "128"),
      "INFO_FORMAT", "application/json");

  private static final Map<String, String> GET_FEATURE = ordered("SERVICE", "WFS", "VERSION", "2.0.0",
      "REQUEST", "GetFeature", "TYPENAMES", "kmzb:threats.points", "COUNT", "5");

  private static final Map<String, String> GET_TILE = ordered("SERVICE", "WMTS", "VERSION", "1.0.0",
      "REQUEST", "GetTile", "LAYER", "threats.clusters", "STYLE", "default", "FORMAT", "image/png",
      "TILEMATRIXSET", "WebMercatorQuad", "TILEMATRIX", "5", "TILEROW", "10", "TILECOL", "17");

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** {@code base} with one parameter set (null removes it). */
  private static Map<String, String> with(Map<String, String> base, String name, String value) {
    Map<String, String> m = new LinkedHashMap<>(base);
    if (value == null) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return m;
  }

  private static String query(String path, Map<String, String> params) {
    StringBuilder b = new StringBuilder(path).append('?');
    params.forEach((k, v) -> b.append(k).append('=').append(enc(v)).append('&'));
    return b.substring(0, b.length() - 1);
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  private static Attack wms(String name, String param, String value, String code) {
    return Attack.get("WMS GetMap " + name, query("/wms", with(GET_MAP, param, value)), ogc(200, code));
  }

  private static Attack wfs(String name, String param, String value, String code) {
    return Attack.get("WFS GetFeature " + name, query("/wfs", with(GET_FEATURE, param, value)), ogc(400, code));
  }

  private static Attack wmts(String name, String param, String value, String code) {
    return Attack.get("WMTS GetTile " + name, query("/wmts", with(GET_TILE, param, value)), ogc(400, code));
  }

  private static Attack items(String name, String params, int status) {
    return Attack.get("OGC API Features " + name, "/ogc/features/collections/threats.points/items?" + params,
        status == 200 ? Expect.answered() : problem(status));
  }

  // --- malformed KVP ------------------------------------------------------------------------------

  List<Attack> wmsKvp() {
    return List.of(
        wms("BBOX not numbers", "BBOX", "a,b,c,d", "InvalidParameterValue"),
        wms("BBOX of three numbers", "BBOX", "1,2,3", "InvalidParameterValue"),
        wms("BBOX of NaN", "BBOX", "NaN,NaN,NaN,NaN", "InvalidParameterValue"),
        wms("BBOX of infinities", "BBOX", "-Infinity,-Infinity,Infinity,Infinity", "InvalidParameterValue"),
        wms("BBOX inverted", "BBOX", "2700000,7350000,1500000,6270000", "InvalidParameterValue"),
        wms("BBOX of no area", "BBOX", "1500000,6270000,1500000,6270000", "InvalidParameterValue"),
        wms("WIDTH not a number", "WIDTH", "256px", "InvalidParameterValue"),
        wms("WIDTH negative", "WIDTH", "-256", "InvalidParameterValue"),
        wms("WIDTH zero", "WIDTH", "0", "InvalidParameterValue"),
        wms("FORMAT unknown", "FORMAT", "image/x-evil", "InvalidFormat"),
        wms("CRS unknown", "CRS", "EPSG:99999999", "InvalidCRS"),
        wms("CRS garbage", "CRS", "EPSG:" + repeat("9", 400), "InvalidCRS"),
        wms("LAYERS unknown", "LAYERS", "no.such.layer", "LayerNotDefined"),
        wms("LAYERS empty names", "LAYERS", repeat(",", 2000), null),
        wms("LAYERS repeated past the limit", "LAYERS", String.join(",", java.util.Collections.nCopies(300,
            "threats.clusters")), null),
        wms("STYLES more than LAYERS", "STYLES", "default,default,default", null),
        wms("TIME garbage", "TIME", "yesterday/tomorrow/P1Q", "InvalidDimensionValue"),
        Attack.get("WMS GetMap TIME period of one second over years (a range: never enumerated)",
            query("/wms", with(GET_MAP, "TIME", "2016-01-01/2026-01-01/PT1S")), Expect.answered()),
        wms("BGCOLOR not a colour", "BGCOLOR", "0xZZZZZZ", "InvalidParameterValue"),
        wms("VERSION nonsense", "VERSION", "9.9.9" + repeat(".9", 100), null),
        Attack.get("WMS REQUEST missing", "/wms?SERVICE=WMS&VERSION=1.3.0", ogc(200, "MissingParameterValue")),
        Attack.get("WMS REQUEST unknown", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=DropTables",
            ogc(200, "OperationNotSupported")),
        Attack.get("WMS parameters without names", "/wms?&&&=&==&=x&SERVICE=WMS&REQUEST=GetMap",
            ogc(200, null)),
        Attack.get("WMS GetFeatureInfo I outside the map", query("/wms", with(GET_FEATURE_INFO, "I", "2147483647")),
            ogc(200, "InvalidPoint")),
        Attack.get("WMS GetFeatureInfo FEATURE_COUNT negative",
            query("/wms", with(GET_FEATURE_INFO, "FEATURE_COUNT", "-5")), ogc(200, "InvalidParameterValue")),
        Attack.get("WMS GetFeatureInfo QUERY_LAYERS not in LAYERS",
            query("/wms", with(GET_FEATURE_INFO, "QUERY_LAYERS", "police.reports")), ogc(200, null)));
  }

  List<Attack> wfsKvp() {
    return List.of(
        wfs("COUNT negative", "COUNT", "-1", "InvalidParameterValue"),
        wfs("COUNT past a long", "COUNT", repeat("9", 40), "InvalidParameterValue"),
        wfs("STARTINDEX negative", "STARTINDEX", "-5", "InvalidParameterValue"),
        wfs("TYPENAMES unknown", "TYPENAMES", "kmzb:nothing", null),
        Attack.get("WFS GetFeature TYPENAMES with an unknown prefix (names are matched by local part)",
            query("/wfs", with(GET_FEATURE, "TYPENAMES", "evil:threats.points")), Expect.answered()),
        wfs("BBOX of three numbers", "BBOX", "1,2,3", "InvalidParameterValue"),
        wfs("BBOX of NaN", "BBOX", "NaN,NaN,NaN,NaN", "InvalidParameterValue"),
        wfs("SORTBY an unknown property", "SORTBY", "password DESC", null),
        wfs("PROPERTYNAME an unknown property", "PROPERTYNAME", "reporter_ip", null),
        wfs("OUTPUTFORMAT unknown", "OUTPUTFORMAT", "application/x-shellscript", null),
        Attack.get("WFS GetFeature RESOURCEID garbage (no such feature: an empty collection)",
            query("/wfs", with(GET_FEATURE, "RESOURCEID", "threats.points.'; DROP TABLE report; --")),
            Expect.answered()),
        wfs("SRSNAME unknown", "SRSNAME", "urn:ogc:def:crs:EPSG::99999999", null),
        wfs("FILTER not XML", "FILTER", "<fes:Filter><unclosed", "OperationParsingFailed"),
        Attack.get("WFS REQUEST unknown", "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=DropTables",
            ogc(501, "OperationNotSupported")),
        Attack.get("WFS without parameters", "/wfs", ogc(400, null)));
  }

  List<Attack> wmtsKvp() {
    return List.of(
        wmts("TILEMATRIXSET unknown", "TILEMATRIXSET", "EvilQuad", "InvalidParameterValue"),
        wmts("TILEMATRIX not a level", "TILEMATRIX", "WebMercatorQuad:5'", "InvalidParameterValue"),
        wmts("TILEROW not a number", "TILEROW", "ten", "InvalidParameterValue"),
        wmts("FORMAT unknown", "FORMAT", "image/x-evil", "InvalidParameterValue"),
        wmts("LAYER missing", "LAYER", null, "MissingParameterValue"),
        wmts("STYLE unknown", "STYLE", "evil", "InvalidParameterValue"),
        wmts("TIME garbage", "TIME", "never", "InvalidParameterValue"),
        // InvalidParameterValue (400), not OperationNotSupported: what the WMTS 1.0 test suite requires.
        Attack.get("WMTS REQUEST unknown", "/wmts?SERVICE=WMTS&VERSION=1.0.0&REQUEST=DropTables",
            ogc(400, "InvalidParameterValue")),
        Attack.get("WMTS VERSION unknown", query("/wmts", with(GET_TILE, "VERSION", "7.0.0")),
            ogc(400, null)));
  }

  // --- XML bombs --------------------------------------------------------------------------------------

  static String billionLaughs(String root) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      b.append("<!ENTITY lol").append(i).append(" \"").append(repeat("&lol" + (i - 1) + ";", 10)).append("\">\n");
    }
    return b.append("]>\n<").append(root).append(">&lol9;</").append(root.split(" ")[0]).append(">").toString();
  }

  static String externalEntity(String root) {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<" + root + ">&xxe;</"
        + root.split(" ")[0] + ">";
  }

  static String parameterEntity(String root) {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %remote;]>\n<"
        + root + "/>";
  }

  static String deep(String root, int depth) {
    return "<" + root + ">" + repeat("<a>", depth) + repeat("</a>", depth) + "</" + root.split(" ")[0] + ">";
  }

  static String wide(String root, int elements) {
    return "<" + root + ">" + repeat("<a/>", elements) + "</" + root.split(" ")[0] + ">";
  }

  private static final String TRANSACTION = "wfs:Transaction service=\"WFS\" version=\"2.0.0\""
      + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:kmzb=\"https://kmzb.pl/ns\"";
  private static final String GET_FEATURE_XML = "wfs:GetFeature service=\"WFS\" version=\"2.0.0\""
      + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"";
  private static final String SLD = "StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\"";

  private static final String POLICE_TRANSACTION = "<wfs:Transaction service=\"WFS\" version=\"2.0.0\""
      + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:fes=\"http://www.opengis.net/fes/2.0\""
      + " xmlns:gml=\"http://www.opengis.net/gml/3.2\" xmlns:kmzb=\"http://kmzb.pl/features\">";

  /** A wfs:Insert of police reports at {@code positions} (lon lat, srsName EPSG:4326 short form: east first). */
  static String inserts(List<String> positions) {
    StringBuilder b = new StringBuilder(POLICE_TRANSACTION).append("<wfs:Insert>");
    for (String pos : positions) {
      b.append("<kmzb:police.reports><kmzb:geometry><gml:Point srsName=\"EPSG:4326\"><gml:pos>").append(pos)
          .append("</gml:pos></gml:Point></kmzb:geometry><kmzb:category>illegal_parking</kmzb:category>")
          .append("</kmzb:police.reports>");
    }
    return b.append("</wfs:Insert></wfs:Transaction>").toString();
  }

  private static final String KRAKOW = "19.9383 50.0614";

  private Attack transaction(String name, String xml, Expect expect) {
    return Attack.post("WFS-T " + name, "/wfs", List.of("Content-Type: application/xml", basicAdmin),
        xml.getBytes(StandardCharsets.UTF_8), expect);
  }

  private static Attack getFeaturePost(String name, String xml) {
    return Attack.post("WFS POST GetFeature " + name, "/wfs", List.of("Content-Type: text/xml"),
        xml.getBytes(StandardCharsets.UTF_8), ogc(400, "OperationParsingFailed"));
  }

  private static Attack sldBody(String name, String sld) {
    return Attack.get("WMS SLD_BODY " + name, query("/wms", with(GET_MAP, "SLD_BODY", sld)),
        ogc(200, "InvalidParameterValue"));
  }

  List<Attack> xmlBombs() {
    Expect parsing = ogc(400, "OperationParsingFailed");
    return List.of(
        transaction("billion laughs", billionLaughs(TRANSACTION), parsing),
        transaction("external entity", externalEntity(TRANSACTION), parsing),
        transaction("parameter entity", parameterEntity(TRANSACTION), parsing),
        transaction("nested 200,000 deep", deep(TRANSACTION, 200_000), parsing),
        transaction("200,000 elements", wide(TRANSACTION, 200_000), parsing),
        transaction("attribute of 900 KB", "<" + TRANSACTION + " handle=\"" + repeat("x", 900_000) + "\"/>",
            ogc(400, null)),
        transaction("of 3 MB", wide(TRANSACTION, 750_000), new Expect(Attack.Form.OGC_EXCEPTION, 400, null)),
        transaction("not XML", "{\"op\":\"insert\"}", parsing),
        transaction("unclosed", "<" + TRANSACTION + "><wfs:Insert>", parsing),
        transaction("declaring an unknown encoding",
            "<?xml version=\"1.0\" encoding=\"x-evil-7\"?><" + TRANSACTION + "/>", parsing),
        transaction("Insert at NaN", inserts(List.of("NaN NaN")), ogc(400, "InvalidParameterValue")),
        transaction("Insert at 1e308", inserts(List.of("1e308 1e308")), ogc(400, "InvalidParameterValue")),
        transaction("two good Inserts and one outside Poland (all or nothing)",
            inserts(List.of(KRAKOW, KRAKOW, "0 0")), ogc(400, "InvalidParameterValue")),
        transaction("Insert of 1,001 reports (past the 1,000 one transaction may write)",
            inserts(java.util.Collections.nCopies(1_001, KRAKOW)), ogc(403, "OperationProcessingFailed")),
        transaction("Update with a filter nested 100 deep", POLICE_TRANSACTION + "<wfs:Update typeName=\"kmzb:police.reports\">"
            + "<wfs:Property><wfs:ValueReference>status</wfs:ValueReference><wfs:Value>verification</wfs:Value>"
            + "</wfs:Property><fes:Filter>" + repeat("<fes:Not>", 100) + "<fes:ResourceId rid=\"police.reports.1\"/>"
            + repeat("</fes:Not>", 100) + "</fes:Filter></wfs:Update></wfs:Transaction>", parsing),
        getFeaturePost("billion laughs", billionLaughs(GET_FEATURE_XML)),
        getFeaturePost("external entity", externalEntity(GET_FEATURE_XML)),
        getFeaturePost("nested 200,000 deep", deep(GET_FEATURE_XML, 200_000)),
        sldBody("billion laughs", billionLaughs(SLD)),
        sldBody("external entity", externalEntity(SLD)),
        sldBody("parameter entity", parameterEntity(SLD)),
        sldBody("nested 400 deep", deep(SLD, 400)),
        sldBody("not XML", "{not: xml}"),
        wfs("FILTER billion laughs", "FILTER", billionLaughs("fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\""),
            "OperationParsingFailed"),
        wfs("FILTER nested 400 deep", "FILTER", deep("fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"", 400),
            "OperationParsingFailed"));
  }

  // --- JSON to the ingest API --------------------------------------------------------------------------

  static final String VALID_REPORT = "{\"category\":\"illegal_parking\",\"lon\":19.9383,\"lat\":50.0614,"
      + "\"occurredOn\":\"2026-11-20\",\"timeOfDay\":\"evening\",\"description\":\"Samochody na chodniku\"}";

  private static Attack report(String name, String contentType, byte[] body, Expect expect) {
    return Attack.post("ingest " + name, "/api/reports", List.of("Content-Type: " + contentType), body, expect);
  }

  private static Attack report(String name, String json, int status) {
    return report(name, "application/json", json.getBytes(StandardCharsets.UTF_8), problem(status));
  }

  List<Attack> json() {
    String tail = VALID_REPORT.substring(1);
    return List.of(
        report("JSON of 10 MB", "{\"description\":\"" + repeat("x", 10 << 20) + "\"," + tail, 413),
        report("JSON nested 30,000 deep in an array", repeat("[", 30_000) + repeat("]", 30_000), 400),
        report("JSON nested 10,000 deep in objects", repeat("{\"a\":", 10_000) + "1" + repeat("}", 10_000), 400),
        report("JSON nested deep inside a field", "{\"description\":" + repeat("[", 20_000) + repeat("]", 20_000)
            + "," + tail.substring(tail.indexOf("\"category\"")), 400),
        report("a number of 60,000 digits", "{\"lon\":" + repeat("9", 60_000) + "," + tail, 400),
        report("a description of 60,000 characters", "{\"description\":\"" + repeat("ż", 20_000) + "\","
            + tail.replace(",\"description\":\"Samochody na chodniku\"", ""), 400),
        report("5,000 unknown fields", "{" + manyFields(5_000) + tail, 400),
        report("a key repeated (the last would win)", "{\"category\":\"no_such_category\"," + tail, 400),
        report("NaN coordinates", VALID_REPORT.replace("19.9383", "NaN"), 400),
        report("coordinates past the world", VALID_REPORT.replace("19.9383", "1e308"), 400),
        report("a string for a number", VALID_REPORT.replace("19.9383", "\"19.9383\\u0000\""), 400),
        report("a SQL string as category", VALID_REPORT.replace("illegal_parking", "x'); DELETE FROM report; --"), 400),
        report("an empty body", "", 400),
        report("JSON array instead of an object", "[" + VALID_REPORT + "]", 400),
        report("GeoJSON with 2,000 vertices", "application/geo+json", geoJsonPolygon(2_000), problem(400)),
        report("XML labelled as JSON", "application/json", billionLaughs("report").getBytes(StandardCharsets.UTF_8),
            problem(400)),
        report("JSON labelled as XML", "application/xml", VALID_REPORT.getBytes(StandardCharsets.UTF_8),
            problem(415)),
        report("no content type", "", VALID_REPORT.getBytes(StandardCharsets.UTF_8), problem(415)),
        report("a gzip bomb (50 MB of zeros) as the body", "application/json", gzippedZeros(50 << 20), problem(400))
            .withHeaders(List.of("Content-Encoding: gzip")),
        Attack.post("login JSON nested 7,000 deep", "/api/auth/token", List.of("Content-Type: application/json"),
            (repeat("[", 7_000) + repeat("]", 7_000)).getBytes(StandardCharsets.UTF_8), problem(400)),
        Attack.post("login JSON of 10 MB", "/api/auth/token", List.of("Content-Type: application/json"),
            ("{\"username\":\"" + repeat("a", 10 << 20) + "\"}").getBytes(StandardCharsets.UTF_8), problem(413)));
  }

  static byte[] gzippedZeros(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 16];
      for (int i = 0; i < size; i += zeros.length) {
        gz.write(zeros);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String manyFields(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("\"f").append(i).append("\":1,");
    }
    return b.toString();
  }

  private static byte[] geoJsonPolygon(int vertices) {
    StringBuilder b = new StringBuilder("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i < vertices; i++) {
      b.append(i == 0 ? "" : ",").append("[").append(19 + i * 1e-5).append(",50.06]");
    }
    b.append("]]},\"properties\":{\"category\":\"illegal_parking\",\"occurredOn\":\"2026-11-20\"}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Attack report(String name, String json, Expect expect) {
    return report(name, "application/json", bytes(json), expect);
  }

  // --- CQL / CQL2 nonsense and deep nesting -------------------------------------------------------------

  List<Attack> filters() {
    // Within the 8 KB request line once percent-encoded, so the parsers (not HTTP) meet the depth.
    String deepParens = repeat("(", 1_000) + "category='illegal_parking'" + repeat(")", 1_000);
    String deepNot = repeat("NOT ", 1_000) + "category='illegal_parking'";
    String deepJson = repeat("{\"op\":\"not\",\"args\":[", 100) + "{\"op\":\"=\",\"args\":[{\"property\":\"category\"},"
        + "\"illegal_parking\"]}" + repeat("]}", 100);
    String backtracking = "description LIKE '" + repeat("%a", 40) + "b'";
    return List.of(
        wms("CQL_FILTER nested 1,000 parentheses deep", "CQL_FILTER", deepParens, "InvalidParameterValue"),
        Attack.get("WMS GetMap CQL_FILTER of 1,000 NOTs (not nesting: read in a loop)",
            query("/wms", with(GET_MAP, "CQL_FILTER", deepNot)), Expect.answered()),
        wms("CQL_FILTER nonsense", "CQL_FILTER", "category = = 'x' AND (", "InvalidParameterValue"),
        wms("CQL_FILTER SQL injection", "CQL_FILTER", "category = 'x'; DROP TABLE report; --", "InvalidParameterValue"),
        wms("CQL_FILTER on an unknown property", "CQL_FILTER", "reporter_ip = '127.0.0.1'", "InvalidParameterValue"),
        wms("CQL_FILTER with an unterminated string", "CQL_FILTER", "category = 'illegal_parking", "InvalidParameterValue"),
        wms("CQL_FILTER geometry of garbage", "CQL_FILTER", "INTERSECTS(geometry, POLYGON((1 2, 3)))",
            "InvalidParameterValue"),
        Attack.get("WMS GetMap CQL_FILTER DWITHIN of an astronomical distance", query("/wms", with(GET_MAP,
            "CQL_FILTER", "DWITHIN(geometry, POINT(19 50), 1e308, meters)")), Expect.answered()),
        Attack.get("WFS GetFeature FILTER_LANGUAGE unknown", query("/wfs", with(with(GET_FEATURE, "FILTER_LANGUAGE",
            "sql"), "FILTER", "1=1; DROP TABLE report")), ogc(400, null)),
        items("filter nested 1,000 parentheses deep", "filter=" + enc(deepParens), 400),
        items("filter of 1,000 NOTs (not nesting: read in a loop)", "filter=" + enc(deepNot), 200),
        items("filter nonsense", "filter=" + enc(")))((( OR AND"), 400),
        items("filter CQL2 JSON nested 100 deep", "filter-lang=cql2-json&filter=" + enc(deepJson), 400),
        items("filter CQL2 JSON not JSON", "filter-lang=cql2-json&filter=" + enc("{\"op\":"), 400),
        items("filter language unknown", "filter-lang=sql&filter=" + enc("1=1"), 400),
        items("filter with a backtracking LIKE", "filter=" + enc(backtracking), 200),
        items("filter IN of 500 values", "filter=" + enc("category IN (" + String.join(",",
            java.util.Collections.nCopies(500, "'x'")) + ")"), 200),
        items("bbox of three numbers", "bbox=1,2,3", 400),
        items("bbox of NaN", "bbox=NaN,NaN,NaN,NaN", 400),
        items("limit negative", "limit=-1", 400),
        items("limit past a long", "limit=" + repeat("9", 40), 400),
        items("datetime garbage", "datetime=" + enc("yesterday/../tomorrow"), 400),
        items("crs unknown", "crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/99999999"), 400),
        Attack.get("OGC API Tiles filter nested 1,000 deep",
            "/ogc/tiles/collections/threats.clusters/tiles/WebMercatorQuad/5/10/17?filter=" + enc(deepParens),
            problem(400)),
        Attack.get("tiles filter garbage", "/tiles/threats/5/17/10.mvt?category=" + enc("'; DROP TABLE report; --"),
            problem(400)),
        Attack.get("tiles from a date of garbage", "/tiles/threats/5/17/10.mvt?from=" + repeat("9", 200),
            problem(400)));
  }

  // --- giant WIDTH/HEIGHT/BBOX ----------------------------------------------------------------------------

  List<Attack> giantSizes() {
    return List.of(
        Attack.get("WMS GetMap 100,000 × 100,000 pixels",
            query("/wms", with(with(GET_MAP, "WIDTH", "100000"), "HEIGHT", "100000")), ogc(200, "InvalidParameterValue")),
        wms("WIDTH of Integer.MAX_VALUE", "WIDTH", "2147483647", "InvalidParameterValue"),
        wms("WIDTH past an int", "WIDTH", repeat("9", 30), "InvalidParameterValue"),
        wms("HEIGHT past an int", "HEIGHT", "4294967552", "InvalidParameterValue"),
        Attack.get("WMS GetMap BBOX of ±1e308 (drawn empty)",
            query("/wms", with(GET_MAP, "BBOX", "-1e308,-1e308,1e308,1e308")), Expect.answered()),
        wms("BBOX of 1e-300 across", "BBOX", "1500000,6270000,1500000.0000000001,6270000.0000000001", null),
        Attack.get("WMS GetLegendGraphic 100,000 pixels wide", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic"
            + "&LAYER=threats.clusters&FORMAT=image/png&WIDTH=100000&HEIGHT=100000", ogc(200, null)),
        Attack.get("WFS GetFeature COUNT of 2^31 (capped)", query("/wfs", with(GET_FEATURE, "COUNT", "2147483648")),
            Expect.answered()),
        Attack.get("WFS GetFeature STARTINDEX of Long.MAX_VALUE (past the end: empty)",
            query("/wfs", with(GET_FEATURE, "STARTINDEX", "9223372036854775807")), Expect.answered()),
        Attack.get("WFS GetFeature BBOX of ±1e308 in degrees (everything)", query("/wfs", with(GET_FEATURE, "BBOX",
            "-1e308,-1e308,1e308,1e308,urn:ogc:def:crs:EPSG::4326")), Expect.answered()),
        items("limit of 2^31", "limit=2147483648", 400),
        items("bbox of ±1e308", "bbox=-1e308,-1e308,1e308,1e308", 400));
  }

  // --- tile coordinates out of range ------------------------------------------------------------------------

  List<Attack> tiles() {
    String rest = "/wmts/1.0.0/threats.clusters/default/default/WebMercatorQuad/";
    return List.of(
        Attack.get("tiles zoom 99", "/tiles/threats/99/0/0.mvt", problem(404)),
        Attack.get("tiles zoom past an int", "/tiles/threats/" + repeat("9", 30) + "/0/0.mvt", problem(400)),
        Attack.get("tiles x past the grid", "/tiles/threats/5/32/10.mvt", problem(404)),
        Attack.get("tiles x negative", "/tiles/threats/5/-1/10.mvt", problem(400)),
        Attack.get("tiles y of Integer.MIN_VALUE", "/tiles/threats/5/17/-2147483648.mvt", problem(400)),
        Attack.get("tiles unknown tileset", "/tiles/evil/5/17/10.mvt", problem(404)),
        wmts("TILEMATRIX 99", "TILEMATRIX", "99", "InvalidParameterValue"),
        wmts("TILEROW past the matrix", "TILEROW", "32", "TileOutOfRange"),
        wmts("TILECOL negative", "TILECOL", "-1", "TileOutOfRange"),
        wmts("TILEROW past an int", "TILEROW", repeat("9", 30), null),
        Attack.get("WMTS REST row past the matrix", rest + "5/99/17.png", ogc(400, "TileOutOfRange")),
        Attack.get("WMTS REST matrix 99", rest + "99/0/0.png", ogc(400, null)),
        Attack.get("WMTS REST feature info pixel outside", rest + "5/10/17/9999/9999.json", ogc(400, "PointIJOutOfRange")),
        Attack.get("OGC API Tiles vector level 99",
            "/ogc/tiles/collections/threats.clusters/tiles/WebMercatorQuad/99/0/0", problem(404)),
        Attack.get("OGC API Tiles vector row negative",
            "/ogc/tiles/collections/threats.clusters/tiles/WebMercatorQuad/5/-1/17", problem(400)),
        Attack.get("OGC API Tiles map column past the matrix",
            "/ogc/tiles/collections/threats.clusters/map/tiles/WebMercatorQuad/5/10/99999", problem(404)),
        Attack.get("OGC API Tiles map level past an int",
            "/ogc/tiles/collections/threats.clusters/map/tiles/EPSG2180/" + repeat("9", 30) + "/0/0", problem(404)),
        Attack.get("OGC API Tiles dataset tile in an unknown set", "/ogc/tiles/tiles/EvilQuad/0/0/0", problem(404)));
  }

  // --- path traversal -------------------------------------------------------------------------------------------

  List<Attack> traversal() {
    return List.of(
        Attack.get("style name with encoded slashes", "/styles/..%2F..%2Fpom.xml", http(400)),
        Attack.get("style name with encoded dots", "/styles/%2e%2e/%2e%2e/pom.xml", http(400)),
        Attack.get("style name with backslashes", "/styles/..%5C..%5Cpom.xml", http(400)),
        Attack.get("style name with a NUL", "/styles/threats%00.sld", http(400)),
        Attack.get("collection style with traversal",
            "/ogc/tiles/collections/threats.clusters/styles/..%5C..%5Cetc%5Cpasswd", http(400)),
        Attack.get("asset with backslashes", "/web/..%5C..%5Cpom.xml", http(400)),
        Attack.get("asset with dot segments", "/web/../../../etc/passwd", http(400)),
        Attack.get("icon with traversal", "/web/icons/..%5C..%5C..%5Cetc%5Cpasswd", http(400)),
        Attack.get("icon named by an absolute path", "/web/icons/C:%5Cwindows%5Cwin.ini", http(400)),
        Attack.get("OpenLayers version with traversal", "/web/ol/..%5C..%5C/ol.js", http(400)),
        Attack.get("console file with traversal", "/web/console/..%5C..%5Cpom.xml", http(400)),
        Attack.get("collection name with traversal", "/ogc/features/collections/..%5C..%5Cetc%5Cpasswd/items",
            http(400)),
        Attack.get("tileset name with traversal", "/tiles/..%5C..%5Cetc/0/0/0.mvt", http(400)),
        wms("STYLES with traversal", "STYLES", "../../../../etc/passwd", "StyleNotDefined"),
        wms("LAYERS with traversal", "LAYERS", "../../../../etc/passwd", "LayerNotDefined"),
        wfs("TYPENAMES with traversal", "TYPENAMES", "../../../../etc/passwd", null),
        wmts("LAYER with traversal", "LAYER", "../../../../etc/passwd", "InvalidParameterValue"),
        wmts("STYLE with traversal", "STYLE", "..\\..\\styles\\police-reports", "InvalidParameterValue"),
        sldBody("icon with traversal", sldWithIcon("icon:../../../../etc/passwd")),
        sldBody("icon from a file URL", sldWithIcon("file:///etc/passwd")),
        sldBody("icon from a remote URL", sldWithIcon("http://127.0.0.1:9/evil.svg")),
        wms("SLD by reference", "SLD", "file:///etc/passwd", "InvalidParameterValue"));
  }

  static String sldWithIcon(String href) {
    return "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\""
        + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><NamedLayer><Name>threats.points</Name><UserStyle>"
        + "<FeatureTypeStyle><Rule><PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:href=\"" + href
        + "\"/><Format>image/svg+xml</Format></ExternalGraphic><Size>16</Size></Graphic></PointSymbolizer></Rule>"
        + "</FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>";
  }

  // --- uploads --------------------------------------------------------------------------------------------------

  /** A multipart form: the report JSON and files given as (file name, content type, bytes). */
  static byte[] form(String boundary, String reportJson, List<FilePart> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n"
        + "Content-Type: application/json\r\n\r\n" + reportJson + "\r\n").getBytes(StandardCharsets.UTF_8));
    int i = 0;
    for (FilePart f : files) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file" + i++ + "\"; filename=\""
          + f.name() + "\"\r\nContent-Type: " + f.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(f.bytes());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static Attack upload(String name, List<FilePart> files, int status) {
    return upload(name, files, status, VALID_REPORT);
  }

  private static Attack upload(String name, List<FilePart> files, int status, String reportJson) {
    String boundary = "hostile" + Integer.toHexString(name.hashCode());
    return report("upload " + name, "multipart/form-data; boundary=" + boundary, form(boundary, reportJson, files),
        problem(status));
  }

  /** A file of a form: its name and content type as the client labels them, and its bytes. */
  record FilePart(String name, String type, byte[] bytes) {}

  private static FilePart file(String name, String type, byte[] bytes) {
    return new FilePart(name, type, bytes);
  }

  static byte[] jpegHeaderThen(int size) {
    byte[] b = new byte[size];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    return b;
  }

  List<Attack> uploads() {
    byte[] exe = new byte[4096];
    exe[0] = 'M';
    exe[1] = 'Z';
    byte[] pdfWithJs = bytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"
        + "\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    byte[] svg = bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    String boundary = "hostile-form";
    return List.of(
        upload("a file of 6 MB (read, then refused naming the file)",
            List.of(file("photo.jpg", "image/jpeg", jpegHeaderThen(6 << 20))), 400),
        upload("a file of 9 MB (not read to its end)", List.of(file("photo.jpg", "image/jpeg", jpegHeaderThen(9 << 20))),
            413),
        upload("an executable named photo.jpg", List.of(file("photo.jpg", "image/jpeg", exe)), 400),
        upload("a PDF with JavaScript named photo.jpg", List.of(file("photo.jpg", "image/jpeg", pdfWithJs)), 400),
        upload("an SVG with a script as image/png, in a form with a bad report", List.of(file("map.png", "image/png",
            svg)), 400, VALID_REPORT.replace("illegal_parking", "no_such_category")),
        upload("a text with control characters", List.of(file("note.txt", "text/plain", new byte[] {'a', 0, 7, 27})),
            400),
        upload("four files", List.of(file("a.txt", "text/plain", bytes("a")), file("b.txt", "text/plain", bytes("b")),
            file("c.txt", "text/plain", bytes("c")), file("d.txt", "text/plain", bytes("d"))), 400),
        upload("nine parts", java.util.Collections.nCopies(8, file("a.txt", "text/plain", bytes("a"))), 413),
        upload("a file named with traversal holding an executable",
            List.of(file("../../../../tmp/evil.jpg", "image/jpeg", exe)), 400),
        report("upload without a boundary", "multipart/form-data", form("x", VALID_REPORT, List.of()), problem(400)),
        report("upload never closed", "multipart/form-data; boundary=" + boundary,
            bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n" + VALID_REPORT),
            problem(400)),
        report("upload with a report part of 100 KB", "multipart/form-data; boundary=" + boundary,
            form(boundary, "{\"description\":\"" + repeat("x", 100_000) + "\"}", List.of()), problem(413)),
        report("upload with a report part nested deep", "multipart/form-data; boundary=" + boundary,
            form(boundary, repeat("[", 30_000) + repeat("]", 30_000), List.of()), problem(400)),
        report("upload labelled JSON", "application/json",
            form(boundary, VALID_REPORT, List.of(file("a.txt", "text/plain", bytes("a")))), problem(400)),
        report("JSON labelled multipart", "multipart/form-data; boundary=" + boundary, bytes(VALID_REPORT),
            problem(400)),
        Attack.post("ingest JSON declaring 10 GB (nothing sent)", "/api/reports", List.of("Content-Type: application/json",
            "Content-Length: 10000000000", "Expect: 100-continue"), null, problem(413)),
        Attack.post("upload declaring 10 GB (nothing sent)", "/api/reports", List.of("Content-Type: multipart/form-data;"
            + " boundary=" + boundary, "Content-Length: 10000000000", "Expect: 100-continue"), null, problem(413)),
        Attack.post("WFS-T declaring 10 GB (nothing sent)", "/wfs", List.of("Content-Type: application/xml",
            "Content-Length: 10000000000", basicAdmin), null, ogc(400, "OperationParsingFailed")));
  }

  // --- invalid UTF-8 ---------------------------------------------------------------------------------------------

  List<Attack> invalidUtf8() {
    byte[] badJson = VALID_REPORT.replace("Samochody", "Samochody\u0001").getBytes(StandardCharsets.UTF_8);
    int at = VALID_REPORT.indexOf("Samochody") + "Samochody".length();
    badJson[at] = (byte) 0xC3;
    byte[] badXml = ("<" + TRANSACTION + " handle=\"x\"/>").getBytes(StandardCharsets.UTF_8);
    badXml[badXml.length - 5] = (byte) 0xFF;
    return List.of(
        wmsRaw("LAYERS of an invalid UTF-8 escape", "LAYERS=%C3%28"),
        wmsRaw("LAYERS of a lone 0xFF escape", "LAYERS=%FF%FE"),
        wmsRaw("CQL_FILTER of an invalid UTF-8 escape", "CQL_FILTER=category%3D%27%C3%28%27"),
        Attack.get("WFS TYPENAMES of an invalid UTF-8 escape",
            "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=%C3%28", ogc(400, "InvalidParameterValue")),
        Attack.get("OGC API filter of an invalid UTF-8 escape",
            "/ogc/features/collections/threats.points/items?filter=category%3D%27%ED%A0%80%27", problem(400)),
        Attack.get("KVP of a broken escape", "/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=%zz%",
            ogc(200, "InvalidParameterValue")),
        Attack.get("OGC API Features query of a broken escape", "/ogc/features/collections/threats.points/items?limit=%zz",
            problem(400)),
        Attack.get("tile query of an invalid UTF-8 escape", "/tiles/threats/5/17/10.mvt?category=%C3%28", problem(400)),
        new Attack("path of raw 0xFF bytes", "GET",
            new byte[] {'/', 'o', 'g', 'c', '/', 'f', 'e', 'a', 't', 'u', 'r', 'e', 's', '/', (byte) 0xFF, (byte) 0xFE},
            List.of(), null, http(400)),
        Attack.get("path of an invalid UTF-8 escape", "/ogc/features/collections/%C3%28/items", http(400)),
        report("JSON with invalid UTF-8", "application/json", badJson, problem(400)),
        transaction("XML with invalid UTF-8", new String(badXml, StandardCharsets.ISO_8859_1),
            ogc(400, "OperationParsingFailed")).withBody(badXml));
  }

  private static Attack wmsRaw(String name, String param) {
    return Attack.get("WMS GetMap " + name, query("/wms", GET_MAP) + "&" + param, ogc(200, "InvalidParameterValue"));
  }

  // --- header floods ----------------------------------------------------------------------------------------------

  List<Attack> headerFloods() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add("X-Flood-" + i + ": " + i);
    }
    return List.of(
        Attack.get("5,000 headers", "/health", http(431)).withHeaders(many),
        Attack.get("one header of 100 KB", "/health", http(431)).withHeaders(List.of("X-Big: " + repeat("a", 100_000))),
        Attack.get("a cookie of 64 KB", "/wms?SERVICE=WMS&REQUEST=GetCapabilities", http(431))
            .withHeaders(List.of("Cookie: s=" + repeat("b", 64_000))),
        Attack.get("a request line of 100 KB", query("/wms", with(GET_MAP, "CQL_FILTER", repeat("a", 100_000))),
            http(414)),
        Attack.get("an Authorization of 7 KB", "/api/reports", problem(401))
            .withHeaders(List.of("Authorization: Bearer " + repeat("x", 7_000))),
        Attack.get("Basic credentials not base64", "/api/reports", problem(401))
            .withHeaders(List.of("Authorization: Basic %%%%not-base64%%%%")),
        Attack.get("a header name with a space", "/health", http(400)).withHeaders(List.of("X Evil: 1")),
        Attack.get("a header without a colon", "/health", http(400)).withHeaders(List.of("no-colon-here")),
        Attack.get("two Content-Length headers", "/health", http(400))
            .withHeaders(List.of("Content-Length: 0", "Content-Length: 5")),
        Attack.post("Content-Length and chunked together (request smuggling)", "/api/reports",
            List.of("Content-Type: application/json", "Transfer-Encoding: chunked", "Content-Length: 4"),
            bytes("0\r\n\r\n"), http(400)),
        new Attack("an unknown method", "FOO", bytes("/health"), List.of(), null, problem(405)),
        new Attack("a request line of another HTTP version", "GET", bytes("/health HTTP/9.9\r\nX-Ignore:"), List.of(),
            null, http(505)));
  }
}
