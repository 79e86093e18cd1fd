package pl.kmzb.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.category.CategoryGroup;
import pl.kmzb.config.WebSettings;
import pl.kmzb.http.Json;
import pl.kmzb.ingest.AttachmentSniffer;
import pl.kmzb.ingest.AttachmentType;
import pl.kmzb.layer.Text;
import pl.kmzb.report.Status;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleFilter;
import pl.kmzb.style.Symbolizer;

/**
 * What the page draws and offers, as one JSON document built at start ({@code /web/catalogue.json}):
 * category groups and categories with colours and icons from {@code layers/categories.yaml}, the
 * public statuses with their names and colours and the cluster sizes from the WMS style
 * {@code threats-clusters} (so the web map and WMS maps agree, and no colour is repeated in the
 * script), the attachment limits of the report API, and the optional external basemap.
 */
final class MapCatalogue {
  /** The WMS style whose rules give status colours and cluster sizes. */
  static final String STYLE = "threats-clusters";
  /** Longest description the report API accepts (docs/API.md). */
  static final int DESCRIPTION_MAX = 500;

  private MapCatalogue() {}

  static byte[] json(CategoryCatalog categories, Style style, WebSettings web) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("groups", categories.groups().stream().map(MapCatalogue::group).toList());
    out.put("categories", categories.all().stream().map(MapCatalogue::category).toList());
    out.put("statuses", statuses(style));
    out.put("clusters", clusters(style));
    out.put("attachments", attachments());
    out.put("descriptionMax", DESCRIPTION_MAX);
    out.put("basemap", web.hasBasemap()
        ? Map.of("url", web.basemapUrl(), "attribution", web.basemapAttribution()) : null);
    try {
      return Json.MAPPER.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> group(CategoryGroup g) {
    return Map.of("code", g.code(), "name", Map.of("pl", g.namePl(), "en", g.nameEn()));
  }

  private static Map<String, Object> category(Category c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", c.code());
    m.put("group", c.group());
    m.put("name", Map.of("pl", c.namePl(), "en", c.nameEn()));
    m.put("colour", c.colour());
    m.put("icon", WebPlugin.ASSETS + "icons/" + c.icon() + ".svg");
    m.put("active", c.active());
    m.put("descriptionRequired", c.rules().descriptionRequired());
    m.put("confirmedOnly", c.rules().publicOnlyWhenConfirmed());
    m.put("generalisedToMetres", c.rules().generaliseLocationM());
    return m;
  }

  /** Each public status with the name and fill colour of the style rule a single report of it gets. */
  static List<Map<String, Object>> statuses(Style style) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Status s : Status.values()) {
      if (!s.isPublic()) {
        continue;
      }
      Rule rule = firstRule(style, Map.of("cluster", Boolean.FALSE, "count", 1, "status", s.code()));
      Text title = rule.title() == null ? new Text(s.labelPl(), s.labelPl()) : rule.title();
      out.add(Map.of("code", s.code(), "name", Map.of("pl", title.pl(), "en", title.en()), "colour", fill(rule)));
    }
    return out;
  }

  /** The cluster classes: from which count, the circle's size and colour. */
  static List<Map<String, Object>> clusters(Style style) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rule r : style.featureTypeStyles().get(0).rules()) {
      if (r.filter() instanceof StyleFilter.Between b && b.property().equals("count")) {
        Symbolizer.Graphic g = graphic(r);
        out.add(Map.of("from", Long.parseLong(b.lower()), "size", g.size(), "colour", fill(r)));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("style " + STYLE + " has no cluster rules (count between two numbers)");
    }
    return out;
  }

  private static Rule firstRule(Style style, Map<String, Object> properties) {
    for (Rule r : style.featureTypeStyles().get(0).rules()) {
      if (!r.elseFilter() && r.filter().test(properties::get) && hasMark(r)) {
        return r;
      }
    }
    throw new IllegalStateException("style " + STYLE + " has no rule with a mark for " + properties);
  }

  private static boolean hasMark(Rule r) {
    return r.symbolizers().stream().anyMatch(s -> s instanceof Symbolizer.PointSymbolizer p
        && p.graphic().element() instanceof Symbolizer.Mark);
  }

  private static Symbolizer.Graphic graphic(Rule r) {
    return r.symbolizers().stream().filter(s -> s instanceof Symbolizer.PointSymbolizer)
        .map(s -> ((Symbolizer.PointSymbolizer) s).graphic())
        .filter(g -> g.element() instanceof Symbolizer.Mark).findFirst()
        .orElseThrow(() -> new IllegalStateException("rule " + r.name() + " of " + STYLE + " has no mark"));
  }

  private static String fill(Rule r) {
    Symbolizer.Mark mark = (Symbolizer.Mark) graphic(r).element();
    String colour = mark.fill() == null ? null : mark.fill().colour().text(pl.kmzb.style.Feature.EMPTY);
    if (colour == null || !colour.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalStateException("rule " + r.name() + " of " + STYLE + " has no literal fill colour");
    }
    return colour.toLowerCase(java.util.Locale.ROOT);
  }

  /** The report API's limits, so the form refuses a file before uploading it. */
  private static Map<String, Object> attachments() {
    List<String> extensions = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (AttachmentType t : AttachmentType.values()) {
      extensions.add(t.extension());
      types.add(t.mediaType().replaceAll(";.*", ""));
    }
    return Map.of("maxFiles", AttachmentSniffer.MAX_FILES, "maxBytes", AttachmentSniffer.MAX_BYTES,
        "extensions", extensions, "types", types);
  }
}
