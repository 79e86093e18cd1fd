package pl.kmzb.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.kmzb.auth.User;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryGroup;
import pl.kmzb.http.Json;
import pl.kmzb.layer.Text;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusWorkflow;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.style.Symbolizer;

/**
 * What the console shows and offers, built once at start ({@code /web/console/catalogue.json}):
 * categories and groups in both languages, every status with the name and colour of the WMS police
 * style {@code police-reports} (so the console and police WMS maps agree), the sources, the roles,
 * and the workflow's moves per role from {@link StatusWorkflow} (so the script holds no copy of
 * the table; the server still decides every move).
 */
final class ConsoleCatalogue {
  /** The WMS style whose rules give every status's name and colour. */
  static final String STYLE = "police-reports";

  private ConsoleCatalogue() {}

  static byte[] json(PluginContext context) {
    Style style = StyleCatalog.bundled(context).find(STYLE)
        .orElseThrow(() -> new IllegalStateException("the bundled styles have no " + STYLE));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("groups", context.catalog().groups().stream().map(ConsoleCatalogue::group).toList());
    out.put("categories", context.catalog().all().stream().map(ConsoleCatalogue::category).toList());
    out.put("statuses", statuses(style));
    // The style draws a report past its deadline with a ring around its status circle.
    out.put("pastDeadlineColour", ring(rule(style, Map.of("past_deadline", Boolean.TRUE, "status", "new"))));
    out.put("sources", List.of(Source.values()).stream().map(Source::code).toList());
    out.put("roles", roles());
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
    return Map.of("code", c.code(), "group", c.group(), "name", Map.of("pl", c.namePl(), "en", c.nameEn()),
        "icon", WebPlugin.ASSETS + "icons/" + c.icon() + ".svg");
  }

  /** Every status, in workflow order, with the title and fill of its rule in the police style. */
  static List<Map<String, Object>> statuses(Style style) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Status s : Status.values()) {
      Rule rule = rule(style, Map.of("past_deadline", Boolean.FALSE, "status", s.code()));
      Text title = rule.title() == null ? new Text(s.labelPl(), s.labelPl()) : rule.title();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", s.code());
      m.put("name", Map.of("pl", title.pl(), "en", title.en()));
      m.put("colour", colour(rule));
      m.put("public", s.isPublic());
      out.add(m);
    }
    return out;
  }

  /**
   * Per role: the regular moves of the workflow table from each status, and whether the role may
   * make any other move as a correction (which needs a note).
   */
  static List<Map<String, Object>> roles() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Role role : Role.values()) {
      Map<String, List<String>> moves = new LinkedHashMap<>();
      for (Status from : Status.values()) {
        List<String> to = new ArrayList<>();
        for (Status s : Status.values()) {
          if (StatusWorkflow.isRegularMove(role, from, s)) {
            to.add(s.code());
          }
        }
        moves.put(from.code(), to);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", User.roleCode(role));
      m.put("moves", moves);
      m.put("corrections", StatusWorkflow.mayCorrect(role));
      out.add(m);
    }
    return out;
  }

  private static Rule rule(Style style, Map<String, Object> properties) {
    for (Rule r : style.rules()) {
      if (!r.elseFilter() && r.filter() != null && r.filter().test(properties::get) && mark(r) != null) {
        return r;
      }
    }
    throw new IllegalStateException("style " + STYLE + " has no rule with a mark for " + properties);
  }

  private static Symbolizer.Mark mark(Rule r) {
    for (Symbolizer s : r.symbolizers()) {
      if (s instanceof Symbolizer.PointSymbolizer p && p.graphic().element() instanceof Symbolizer.Mark m) {
        return m;
      }
    }
    return null;
  }

  private static String colour(Rule r) {
    Symbolizer.Mark mark = mark(r);
    return literal(r, mark.fill() == null ? null : mark.fill().colour().text(pl.kmzb.style.Feature.EMPTY));
  }

  private static String ring(Rule r) {
    Symbolizer.Mark mark = mark(r);
    return literal(r, mark.stroke() == null ? null : mark.stroke().colour().text(pl.kmzb.style.Feature.EMPTY));
  }

  private static String literal(Rule r, String colour) {
    if (colour == null || !colour.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalStateException("rule " + r.name() + " of " + STYLE + " has no literal colour");
    }
    return colour.toLowerCase(Locale.ROOT);
  }
}
