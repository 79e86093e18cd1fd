package pl.kmzb.wms;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.http.Json;
import pl.kmzb.render.FeatureHit;

/**
 * GetFeatureInfo answers: plain text, an HTML table, GeoJSON, and GML 3.1.1 (a gml:FeatureCollection
 * of {@code kmzb:MapFeature}s, described by {@code featureinfo.xsd} in this package's resources).
 * Every format carries each feature's layer, id, position and properties, and for a cluster its
 * counts by category and by status.
 */
public final class FeatureInfoWriter {
  public static final String GML_NS = "http://www.opengis.net/gml";
  public static final String KMZB_NS = "urn:kmzb:wms:featureinfo";
  static final String GML_SCHEMA = "http://schemas.opengis.net/gml/3.1.1/base/feature.xsd";

  private FeatureInfoWriter() {}

  public static String write(FeatureInfoRequest q, List<FeatureHit> hits) {
    return switch (q.format()) {
      case TEXT -> text(hits);
      case HTML -> html(hits, q.map().language());
      case JSON -> json(hits);
      case GML3 -> gml(hits);
    };
  }

  static String text(List<FeatureHit> hits) {
    if (hits.isEmpty()) {
      return "no features were found\n";
    }
    StringBuilder sb = new StringBuilder();
    for (FeatureHit h : hits) {
      sb.append("Layer '").append(h.layerId()).append("': feature ").append(h.featureId()).append('\n');
      sb.append("  position = ").append(h.position().lon()).append(' ').append(h.position().lat()).append('\n');
      h.properties().forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
      counts(sb, "reports by category", h.countsByCategory());
      counts(sb, "reports by status", h.countsByStatus());
    }
    return sb.toString();
  }

  private static void counts(StringBuilder sb, String title, Map<String, Integer> counts) {
    if (!counts.isEmpty()) {
      sb.append("  ").append(title).append(":\n");
      new TreeMap<>(counts).forEach((k, v) -> sb.append("    ").append(k).append(" = ").append(v).append('\n'));
    }
  }

  static String html(List<FeatureHit> hits, String language) {
    boolean pl = !"en".equals(language);
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(pl ? "pl" : "en")
        .append("\"><head><meta charset=\"utf-8\"><title>").append(pl ? "Informacje o obiektach" : "Feature info")
        .append("</title></head><body>\n");
    if (hits.isEmpty()) {
      sb.append("<p>").append(pl ? "Nie znaleziono obiektów." : "No features were found.").append("</p>\n");
    }
    for (FeatureHit h : hits) {
      sb.append("<table>\n<caption>").append(esc(h.layerId())).append(": ").append(esc(h.featureId()))
          .append("</caption>\n");
      row(sb, pl ? "położenie" : "position", h.position().lon() + " " + h.position().lat());
      h.properties().forEach((k, v) -> row(sb, k, String.valueOf(v)));
      new TreeMap<>(h.countsByCategory()).forEach((k, v) -> row(sb, (pl ? "kategoria " : "category ") + k, v.toString()));
      new TreeMap<>(h.countsByStatus()).forEach((k, v) -> row(sb, "status " + k, v.toString()));
      sb.append("</table>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String json(List<FeatureHit> hits) {
    List<Map<String, Object>> features = new ArrayList<>();
    for (FeatureHit h : hits) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("layer", h.layerId());
      properties.putAll(h.properties());
      if (!h.countsByCategory().isEmpty()) {
        properties.put("countsByCategory", new TreeMap<>(h.countsByCategory()));
      }
      if (!h.countsByStatus().isEmpty()) {
        properties.put("countsByStatus", new TreeMap<>(h.countsByStatus()));
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", "Feature");
      f.put("id", h.featureId());
      f.put("geometry", Map.of("type", "Point", "coordinates", List.of(h.position().lon(), h.position().lat())));
      f.put("properties", properties);
      features.add(f);
    }
    Map<String, Object> fc = new LinkedHashMap<>();
    fc.put("type", "FeatureCollection");
    fc.put("features", features);
    try {
      return Json.MAPPER.writeValueAsString(fc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String gml(List<FeatureHit> hits) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = Xml.writer(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("gml", "FeatureCollection", GML_NS);
      w.writeNamespace("gml", GML_NS);
      w.writeNamespace("kmzb", KMZB_NS);
      w.writeNamespace("xsi", Xml.XSI);
      w.writeAttribute(Xml.XSI, "schemaLocation", GML_NS + " " + GML_SCHEMA);
      int n = 0;
      for (FeatureHit h : hits) {
        w.writeStartElement("gml", "featureMember", GML_NS);
        w.writeStartElement("kmzb", "MapFeature", KMZB_NS);
        w.writeAttribute("gml", GML_NS, "id", "f" + (++n));
        element(w, "layer", h.layerId());
        element(w, "featureId", h.featureId());
        w.writeStartElement("kmzb", "position", KMZB_NS);
        w.writeStartElement("gml", "Point", GML_NS);
        w.writeAttribute("srsName", "urn:ogc:def:crs:EPSG::4326");
        w.writeStartElement("gml", "pos", GML_NS);
        w.writeCharacters(String.format(Locale.ROOT, "%.7f %.7f", h.position().lat(), h.position().lon()));
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        for (Map.Entry<String, Object> p : h.properties().entrySet()) {
          w.writeStartElement("kmzb", "property", KMZB_NS);
          w.writeAttribute("name", p.getKey());
          w.writeCharacters(String.valueOf(p.getValue()));
          w.writeEndElement();
        }
        count(w, "category", h.countsByCategory());
        count(w, "status", h.countsByStatus());
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement("kmzb", name, KMZB_NS);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  private static void count(XMLStreamWriter w, String kind, Map<String, Integer> counts) throws XMLStreamException {
    for (Map.Entry<String, Integer> c : new TreeMap<>(counts).entrySet()) {
      w.writeStartElement("kmzb", "count", KMZB_NS);
      w.writeAttribute("kind", kind);
      w.writeAttribute("name", c.getKey());
      w.writeCharacters(c.getValue().toString());
      w.writeEndElement();
    }
  }
}
