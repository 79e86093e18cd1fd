package pl.kmzb.features;

import java.util.List;
import pl.kmzb.encode.Link;

/** Small HTML pages for people browsing the feature API; every value is escaped. */
final class Html {
  private final StringBuilder sb = new StringBuilder(4096);

  Html(String title) {
    sb.append("<!DOCTYPE html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:70em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>"
            + "</head><body><h1>").append(esc(title)).append("</h1>\n");
  }

  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  Html paragraph(String text) {
    sb.append("<p>").append(esc(text)).append("</p>\n");
    return this;
  }

  Html links(List<Link> links) {
    sb.append("<ul>\n");
    for (Link l : links) {
      sb.append("<li><a href=\"").append(esc(l.href())).append("\">")
          .append(esc(l.title() != null ? l.title() : l.rel())).append("</a> (").append(esc(l.rel()))
          .append(l.type() == null ? "" : ", " + esc(l.type())).append(")</li>\n");
    }
    sb.append("</ul>\n");
    return this;
  }

  /**
   * A small map drawing the GeoJSON at {@code geojsonUrl} (CRS84) with OpenLayers from
   * {@code base}{@link MapAssets#PATH}, on a plain background: no tiles from anywhere, so it works
   * offline; the view fits the features.
   */
  Html map(String base, String geojsonUrl) {
    String url;
    try {
      url = pl.kmzb.http.Json.MAPPER.writeValueAsString(geojsonUrl).replace("</", "<\\/");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String assets = base + MapAssets.PATH;
    sb.append("<link rel=\"stylesheet\" href=\"").append(esc(assets)).append("ol.css\">\n")
        .append("<div id=\"map\" style=\"height:24em;border:1px solid #ccc;background:#f3f1ea\"></div>\n")
        .append("<script src=\"").append(esc(assets)).append("ol.js\"></script>\n<script>(function(){\n")
        .append("var source=new ol.source.Vector({url:").append(url).append(",format:new ol.format.GeoJSON()});\n")
        .append("var style=new ol.style.Style({stroke:new ol.style.Stroke({color:'#1f5fa8',width:1.5}),")
        .append("fill:new ol.style.Fill({color:'rgba(31,95,168,0.15)'}),image:new ol.style.Circle({radius:5,")
        .append("fill:new ol.style.Fill({color:'#c0392b'}),stroke:new ol.style.Stroke({color:'#fff',width:1})})});\n")
        .append("var map=new ol.Map({target:'map',layers:[new ol.layer.Vector({source:source,style:style})],")
        .append("view:new ol.View({center:ol.proj.fromLonLat([19.4,52.1]),zoom:5.5})});\n")
        .append("source.once('featuresloadend',function(){var e=source.getExtent();")
        .append("if(!ol.extent.isEmpty(e)){map.getView().fit(e,{padding:[20,20,20,20],maxZoom:15});}});\n")
        .append("})();</script>\n");
    return this;
  }

  Html heading(String text) {
    sb.append("<h2>").append(esc(text)).append("</h2>\n");
    return this;
  }

  Html tableStart(List<String> header) {
    sb.append("<table><tr>");
    for (String h : header) {
      sb.append("<th>").append(esc(h)).append("</th>");
    }
    sb.append("</tr>\n");
    return this;
  }

  Html row(List<?> cells) {
    sb.append("<tr>");
    for (Object c : cells) {
      sb.append("<td>").append(esc(c)).append("</td>");
    }
    sb.append("</tr>\n");
    return this;
  }

  /** A row whose first cell links to {@code href}. */
  Html linkedRow(String href, List<?> cells) {
    sb.append("<tr><td><a href=\"").append(esc(href)).append("\">").append(esc(cells.get(0))).append("</a></td>");
    for (Object c : cells.subList(1, cells.size())) {
      sb.append("<td>").append(esc(c)).append("</td>");
    }
    sb.append("</tr>\n");
    return this;
  }

  Html tableEnd() {
    sb.append("</table>\n");
    return this;
  }

  /** Flushes what is built so far into {@code out} (large tables are written as they grow). */
  void drainTo(Appendable out) throws java.io.IOException {
    out.append(sb);
    sb.setLength(0);
  }

  String end() {
    return sb.append("</body></html>\n").toString();
  }
}
