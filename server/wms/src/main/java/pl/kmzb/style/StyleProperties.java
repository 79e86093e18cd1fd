package pl.kmzb.style;

import java.util.Map;
import java.util.TreeMap;

/**
 * The feature properties styles may name ({@code ogc:PropertyName}): what the renderer offers for
 * each kind of thing it draws. A style naming anything else is refused at load, so a typo fails at
 * start instead of drawing nothing.
 */
public final class StyleProperties {
  public static final Map<String, String> KNOWN;

  static {
    Map<String, String> m = new TreeMap<>();
    m.put("count", "threats: reports in the cluster (1 for a single report); areas: public reports in the area");
    m.put("density", "areas: public reports per km² of the area (the choropleth's classes: comparable across sizes"
        + " and levels)");
    m.put("count_label", "threats, areas: the count as shown (12, 3.4k, 1.2M)");
    m.put("cluster", "threats: true for a cluster of several reports, false for one report");
    m.put("category", "threats, police reports: category code (single report)");
    m.put("category_colour", "threats, police reports: the category's colour from layers/categories.yaml");
    m.put("category_name", "threats, police reports: the category's name in the request's language");
    m.put("group", "threats, police reports: the category's group code");
    m.put("status", "threats, police reports: status code (single report)");
    m.put("id", "threats, police reports: report id (single report)");
    m.put("source", "police reports: source plane code");
    m.put("past_deadline", "police reports: true when a new report was not taken up within 72 hours");
    m.put("code", "areas, boundaries, police units: TERYT or unit code");
    m.put("name", "areas, boundaries, police units: name");
    m.put("level", "areas, boundaries: voivodeship, county or municipality");
    m.put("type", "police units: KWP, KMP, KPP, KP or PP");
    m.put("indicator", "indicators: the indicator's code (layers/indicators.yaml)");
    m.put("period", "indicators: the period shown (2024, 2024-Q3, 2024-07)");
    m.put("value", "indicators: the area's value in the period (null without one)");
    m.put("population", "indicators: the area's inhabitants in the period's year (null without a figure)");
    m.put("rate", "indicators: the value per 100,000 inhabitants (or the asked rate); null without population");
    m.put("class", "indicators: the area's class of the map, 0-based (null without a classified number)");
    m.put("shade", "indicators: the class's step 0-8 of a 9-step palette (classes spread light to dark)");
    KNOWN = java.util.Collections.unmodifiableMap(m);
  }

  private StyleProperties() {}
}
