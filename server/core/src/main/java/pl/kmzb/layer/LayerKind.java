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
  INDICATOR,
  /**
   * The most dangerous stretches of road (issue 17): the ranking of
   * {@code /api/analytics/road-segments} with its defaults, in the public view, as lines.
   */
  ROAD_SEGMENTS,
  /**
   * Getis-Ord Gi* hot and cold spots (issue 17): the significant cells of
   * {@code /api/analytics/hotspots} with its defaults, in the public view, as squares.
   */
  HOTSPOTS,
  /**
   * Kernel density of reports (issue 17): the surface of {@code /api/analytics/density} with its
   * defaults, in the public view, as a heat map.
   */
  DENSITY,
  /**
   * Candidate sites for a new police post (issue 17): the picks of {@code /api/analytics/candidates}
   * with its defaults (standing threats, 5 km radius and grid, 10 picks), as points; police only.
   */
  CANDIDATE_SITES
}
