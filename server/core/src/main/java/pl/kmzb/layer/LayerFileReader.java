package pl.kmzb.layer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.category.CategoryGroup;

/** Turns the parsed {@code layers.yaml} into the catalogue, collecting every problem on the way. */
final class LayerFileReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
  private static final Pattern STYLE = Pattern.compile("[a-z0-9-]+");
  private static final String GENERATE_CATEGORIES = "category_layers";
  private static final String GENERATE_INDICATORS = "indicator_layers";
  private static final Set<String> ROOT_KEYS = Set.of("service", "layers");
  private static final Set<String> SERVICE_KEYS = Set.of("title", "abstract", "keywords", "contact", "provider_site",
      "fees", "access_constraints");
  private static final Set<String> CONTACT_KEYS = Set.of("person", "position", "organisation", "email", "phone", "address");
  private static final Set<String> ADDRESS_KEYS = Set.of("type", "street", "city", "region", "post_code", "country");
  private static final Set<String> LAYER_KEYS = Set.of("id", "kind", "parameter", "title", "abstract", "keywords",
      "styles", "access", "queryable", "attribution", "parent");
  private static final Set<String> GENERATOR_KEYS = Set.of("generate", "parent", "group", "category", "group_overrides",
      "category_overrides");
  private static final Set<String> INDICATOR_GENERATOR_KEYS = Set.of("generate", "parent", "indicator");
  private static final Set<String> TEMPLATE_KEYS = Set.of("title", "abstract", "keywords", "styles", "access",
      "queryable", "attribution");

  private final CategoryCatalog categories;
  private final pl.kmzb.indicator.IndicatorCatalog indicators;
  private final List<String> errors = new ArrayList<>();
  private final Map<String, PublishedLayer> layers = new LinkedHashMap<>();
  /** Every id met, valid layer or not, so a duplicate is named even when its first use had problems. */
  private final Set<String> ids = new HashSet<>();

  LayerFileReader(CategoryCatalog categories, pl.kmzb.indicator.IndicatorCatalog indicators) {
    this.categories = categories;
    this.indicators = indicators;
  }

  LayerCatalog read(JsonNode root, String where) {
    YamlFields file = new YamlFields(root, "top level", errors, ROOT_KEYS);
    ServiceMetadata service = file.has("service") ? service(new YamlFields(file.get("service"), "service", errors,
        SERVICE_KEYS)) : null;
    if (service == null && !file.has("service")) {
      errors.add("service: the service's metadata is required");
    }
    JsonNode list = file.get("layers");
    if (list == null || !list.isArray() || list.isEmpty()) {
      errors.add("layers: a list of layers is required");
    } else {
      readLayers(list);
    }
    if (!errors.isEmpty()) {
      throw new LayerCatalogException(where + ":\n  - " + String.join("\n  - ", errors));
    }
    return new LayerCatalog(service, LayerCatalog.ordered(layers));
  }

  private ServiceMetadata service(YamlFields s) {
    Text title = s.text2("title", true);
    Text summary = s.text2("abstract", true);
    List<String> keywords = s.texts("keywords");
    String fees = s.requiredText("fees");
    String constraints = s.requiredText("access_constraints");
    String site = s.text("provider_site");
    if (!s.has("contact")) {
      s.problem("'contact' is required");
      return null;
    }
    YamlFields c = new YamlFields(s.get("contact"), "service.contact", errors, CONTACT_KEYS);
    String person = c.text("person");
    String position = c.text("position");
    String organisation = c.requiredText("organisation");
    String email = c.requiredText("email");
    String phone = c.text("phone");
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      c.problem("email '" + email + "' is not an e-mail address");
    }
    ServiceMetadata.Address address = null;
    if (c.has("address")) {
      YamlFields a = new YamlFields(c.get("address"), "service.contact.address", errors, ADDRESS_KEYS);
      // WMS's ContactAddress needs every part, so all are required once an address is given.
      address = new ServiceMetadata.Address(a.requiredText("type"), a.requiredText("street"), a.requiredText("city"),
          a.requiredText("region"), a.requiredText("post_code"), a.requiredText("country"));
    }
    if (title == null || summary == null) {
      return null;
    }
    return new ServiceMetadata(title, summary, keywords, person, position, organisation, email, phone, address,
        site, fees, constraints);
  }

  private void readLayers(JsonNode list) {
    int generators = 0;
    int n = 0;
    for (JsonNode item : list) {
      n++;
      if (item.isObject() && GENERATE_INDICATORS.equals(item.path("generate").asText())) {
        generateIndicators(new YamlFields(item, "layers[" + n + "] (generate)", errors, INDICATOR_GENERATOR_KEYS));
      } else if (item.isObject() && item.has("generate")) {
        generators++;
        generate(new YamlFields(item, "layers[" + n + "] (generate)", errors, GENERATOR_KEYS));
      } else {
        String id = item.isObject() && item.path("id").isTextual() ? item.get("id").asText() : null;
        layer(new YamlFields(item, "layer '" + (id == null ? "#" + n : id) + "'", errors, LAYER_KEYS));
      }
    }
    if (generators != 1) {
      errors.add("layers: exactly one entry 'generate: " + GENERATE_CATEGORIES
          + "' must place the category and category-group layers; found " + generators);
    }
  }

  private void layer(YamlFields f) {
    String id = f.requiredText("id");
    if (id != null && !ID.matcher(id).matches()) {
      f.problem("id '" + id + "' must be lower case letters and digits separated by '.', '_' or '-'");
    }
    if (id != null && !ids.add(id)) {
      f.problem("id '" + id + "' is used twice");
    }
    LayerKind kind = kind(f);
    if (kind == LayerKind.CATEGORY || kind == LayerKind.CATEGORY_GROUP) {
      f.problem("kind " + kind.name().toLowerCase(Locale.ROOT) + " layers are generated from categories.yaml"
          + " by the 'generate: " + GENERATE_CATEGORIES + "' entry, not listed by hand");
      return;
    }
    if (kind == LayerKind.INDICATOR) {
      f.problem("kind indicator layers are generated from indicators.yaml by the 'generate: " + GENERATE_INDICATORS
          + "' entry, not listed by hand");
      return;
    }
    Text title = f.text2("title", true);
    Text summary = f.text2("abstract", false);
    List<String> styles = styles(f, kind != LayerKind.GROUP);
    String parameter = parameter(f, kind);
    Access access = access(f);
    Boolean queryable = f.bool("queryable");
    String parent = parent(f, access);
    if (kind == LayerKind.POLICE_REPORTS && access == Access.PUBLIC) {
      f.problem("a police_reports layer shows exact positions and sources: access must be police");
    }
    if (kind == LayerKind.CANDIDATE_SITES && access == Access.PUBLIC) {
      f.problem("a candidate_sites layer is computed from the police's own threats and units: access must be police");
    }
    if (id == null || kind == null || title == null) {
      return;
    }
    add(f, new PublishedLayer(id, title, summary, f.texts("keywords"), kind, parameter, styles, access,
        queryable != null && queryable, f.text("attribution"), parent));
  }

  private void add(YamlFields f, PublishedLayer layer) {
    boolean generated = layer.kind() == LayerKind.CATEGORY || layer.kind() == LayerKind.CATEGORY_GROUP
        || layer.kind() == LayerKind.INDICATOR;
    if (generated && !ids.add(layer.id())) {
      f.problem("generated id '" + layer.id() + "' is already used by another layer");
    }
    layers.putIfAbsent(layer.id(), layer);
  }

  private LayerKind kind(YamlFields f) {
    String kind = f.requiredText("kind");
    if (kind == null) {
      return null;
    }
    try {
      return LayerKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      f.problem("kind '" + kind + "' is not one of " + java.util.Arrays.stream(LayerKind.values())
          .map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
      return null;
    }
  }

  private List<String> styles(YamlFields f, boolean required) {
    List<String> styles = f.texts("styles");
    Set<String> seen = new HashSet<>();
    for (String s : styles) {
      if (!STYLE.matcher(s).matches()) {
        f.problem("style '" + s + "' must be a name of lower case letters, digits and '-' (styles/<name>.sld)");
      }
      if (!seen.add(s)) {
        f.problem("style '" + s + "' is listed twice");
      }
    }
    if (required && styles.isEmpty()) {
      f.problem("'styles' is required (the first is the default)");
    }
    if (!required && !styles.isEmpty()) {
      f.problem("a group layer has no styles of its own");
    }
    return styles;
  }

  private String parameter(YamlFields f, LayerKind kind) {
    String p = f.text("parameter");
    boolean byLevel = kind == LayerKind.AREA_COUNTS || kind == LayerKind.BOUNDARIES;
    if (kind == null) {
      return p;
    }
    if (byLevel) {
      if (p == null) {
        f.problem("'parameter' is required: the boundary level (voivodeship, county or municipality)");
      } else {
        try {
          return BoundaryLevel.ofKey(p).key();
        } catch (IllegalArgumentException e) {
          f.problem("parameter: " + e.getMessage());
        }
      }
    } else if (p != null) {
      f.problem("a " + kind.name().toLowerCase(Locale.ROOT) + " layer takes no 'parameter'");
    }
    return p;
  }

  private Access access(YamlFields f) {
    String a = f.text("access");
    if (a == null) {
      return Access.PUBLIC;
    }
    try {
      return Access.valueOf(a.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      f.problem("access '" + a + "' must be public or police");
      return Access.POLICE; // the safe reading while the file is refused anyway
    }
  }

  /** The parent, which must be a group listed earlier; a public layer may not sit under a police group. */
  private String parent(YamlFields f, Access access) {
    String parent = f.text("parent");
    if (parent == null) {
      return null;
    }
    PublishedLayer p = layers.get(parent);
    if (p == null) {
      f.problem("parent '" + parent + "' is not a layer listed before it");
    } else if (p.kind() != LayerKind.GROUP && p.kind() != LayerKind.CATEGORY_GROUP) {
      f.problem("parent '" + parent + "' is a " + p.kind().name().toLowerCase(Locale.ROOT) + " layer, not a group");
    } else if (p.access() == Access.POLICE && access == Access.PUBLIC) {
      f.problem("a public layer cannot sit under the police group '" + parent + "'");
    }
    return parent;
  }

  /**
   * One {@code group.<code>} layer per category group and under it one {@code category.<code>} per
   * category, from the templates; {@code group_overrides} and {@code category_overrides} change
   * single layers by code.
   */
  private void generate(YamlFields f) {
    String what = f.text("generate");
    if (!GENERATE_CATEGORIES.equals(what)) {
      f.problem("generate '" + what + "' is unknown; the only generator is '" + GENERATE_CATEGORIES + "'");
      return;
    }
    String parent = parent(f, Access.PUBLIC);
    Template group = template(f, "group");
    Template category = template(f, "category");
    Map<String, YamlFields> groupOverrides = overrides(f, "group_overrides",
        categories.groups().stream().map(CategoryGroup::code).toList());
    Map<String, YamlFields> categoryOverrides = overrides(f, "category_overrides",
        categories.all().stream().map(Category::code).toList());
    if (group == null || category == null) {
      return;
    }
    for (CategoryGroup g : categories.groups()) {
      String groupId = "group." + g.code();
      PublishedLayer groupLayer = override(group, groupOverrides.get(g.code()))
          .layer(groupId, LayerKind.CATEGORY_GROUP, g.code(), g.namePl(), g.nameEn(), parent);
      add(f, groupLayer);
      for (Category c : categories.all()) {
        if (c.group().equals(g.code())) {
          PublishedLayer layer = override(category, categoryOverrides.get(c.code()))
              .layer("category." + c.code(), LayerKind.CATEGORY, c.code(), c.namePl(), c.nameEn(), groupId);
          if (groupLayer.access() == Access.POLICE && layer.access() == Access.PUBLIC) {
            f.problem("category '" + c.code() + "' is public under the police group '" + groupId + "'");
          }
          add(f, layer);
        }
      }
    }
  }

  /**
   * One {@code indicator.<code>.<level>} layer per indicator of {@code indicators.yaml} and boundary
   * level, from the {@code indicator} template ({@code {name}} etc. are the indicator's); the title
   * gets the level's name, the access is the indicator's (a police indicator is a police layer).
   */
  private void generateIndicators(YamlFields f) {
    String parent = parent(f, Access.PUBLIC);
    Template template = template(f, "indicator");
    if (template == null) {
      return;
    }
    for (pl.kmzb.indicator.Indicator i : indicators.all()) {
      for (BoundaryLevel level : BoundaryLevel.values()) {
        PublishedLayer l = template.layer("indicator." + i.code() + "." + level.key(), LayerKind.INDICATOR, i.code(),
            i.namePl(), i.nameEn(), parent);
        Text title = new Text(l.title().pl() + " – " + LEVEL_PL.get(level), l.title().en() + " – " + LEVEL_EN.get(level));
        add(f, new PublishedLayer(l.id(), title, l.summary(), l.keywords(), l.kind(), i.code() + "." + level.key(),
            l.styles(), i.policeOnly() ? Access.POLICE : template.access(), l.queryable(), l.attribution(), l.parent()));
      }
    }
  }

  private static final Map<BoundaryLevel, String> LEVEL_PL = Map.of(BoundaryLevel.VOIVODESHIP, "województwa",
      BoundaryLevel.COUNTY, "powiaty", BoundaryLevel.MUNICIPALITY, "gminy");
  private static final Map<BoundaryLevel, String> LEVEL_EN = Map.of(BoundaryLevel.VOIVODESHIP, "voivodeships",
      BoundaryLevel.COUNTY, "counties", BoundaryLevel.MUNICIPALITY, "municipalities");

  /** The overrides by code; codes the category catalogue does not know are problems. */
  private Map<String, YamlFields> overrides(YamlFields f, String key, List<String> known) {
    Map<String, YamlFields> out = new LinkedHashMap<>();
    if (!f.has(key)) {
      return out;
    }
    JsonNode map = f.get(key);
    if (!map.isObject()) {
      f.problem("'" + key + "' must map codes to the template keys they change");
      return out;
    }
    map.fieldNames().forEachRemaining(code -> {
      if (!known.contains(code)) {
        f.problem(key + ": '" + code + "' is not a code of categories.yaml; known: " + known);
      } else {
        out.put(code, new YamlFields(map.get(code), f.where() + "." + key + "." + code, errors, TEMPLATE_KEYS));
      }
    });
    return out;
  }

  /** The template with the keys an override gives replaced. */
  private Template override(Template base, YamlFields o) {
    if (o == null) {
      return base;
    }
    Text title = o.has("title") ? o.text2("title", true) : base.title();
    return new Template(title == null ? base.title() : title,
        o.has("abstract") ? o.text2("abstract", false) : base.summary(),
        o.has("keywords") ? o.texts("keywords") : base.keywords(),
        o.has("styles") ? styles(o, true) : base.styles(),
        o.has("access") ? access(o) : base.access(),
        o.has("queryable") ? Boolean.TRUE.equals(o.bool("queryable")) : base.queryable(),
        o.has("attribution") ? o.text("attribution") : base.attribution());
  }

  private Template template(YamlFields f, String key) {
    if (!f.has(key)) {
      f.problem("'" + key + "' (the template of the generated " + key + " layers) is required");
      return null;
    }
    YamlFields t = new YamlFields(f.get(key), f.where() + "." + key, errors, TEMPLATE_KEYS);
    Text title = t.text2("title", true);
    Text summary = t.text2("abstract", false);
    List<String> styles = styles(t, true);
    Access access = access(t);
    Boolean queryable = t.bool("queryable");
    if (title == null) {
      return null;
    }
    return new Template(title, summary, t.texts("keywords"), styles, access, queryable != null && queryable,
        t.text("attribution"));
  }

  /**
   * Texts of generated layers with placeholders: {@code {name}} (the name in the text's language),
   * {@code {name_pl}}, {@code {name_en}} and {@code {code}}.
   */
  private record Template(Text title, Text summary, List<String> keywords, List<String> styles, Access access,
      boolean queryable, String attribution) {
    PublishedLayer layer(String id, LayerKind kind, String code, String namePl, String nameEn, String parent) {
      return new PublishedLayer(id, fill(title, code, namePl, nameEn), fill(summary, code, namePl, nameEn),
          keywords.stream().map(k -> fill(k, code, namePl, nameEn, namePl)).toList(), kind, code, styles, access,
          queryable, attribution, parent);
    }

    private static Text fill(Text t, String code, String namePl, String nameEn) {
      return t == null ? null : new Text(fill(t.pl(), code, namePl, nameEn, namePl),
          fill(t.en(), code, namePl, nameEn, nameEn));
    }

    private static String fill(String s, String code, String namePl, String nameEn, String name) {
      return s.replace("{name_pl}", namePl).replace("{name_en}", nameEn).replace("{name}", name)
          .replace("{code}", code);
    }
  }
}
