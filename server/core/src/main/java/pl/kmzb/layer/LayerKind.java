package pl.kmzb.layer;

/** What a published layer shows; services choose their source and renderer by it. */
public enum LayerKind {
  /** A container in the layer tree (e.g. {@code threats}); requested by name, it shows its children. */
  GROUP,
  THREAT_CLUSTERS,
  THREAT_POINTS,
  /** Public threats of one category ({@code parameter} = category code). */
  CATEGORY,
  /** Public threats of one category group ({@code parameter} = group code). */
  CATEGORY_GROUP,
  HEATMAP,
  /** Public report counts per area ({@code parameter} = boundary level). */
  AREA_COUNTS,
  POLICE_UNITS,
  /** Administrative boundaries ({@code parameter} = boundary level). */
  BOUNDARIES,
  /** Every report as the police see it: every status, exact position, source, deadline state. */
  POLICE_REPORTS,
  /**
   * A choropleth of an imported police or survey indicator by area ({@code parameter} =
   * {@code <indicator code>.<boundary level>}); generated from {@code indicators.yaml}.
   */
  INDICATOR
}
