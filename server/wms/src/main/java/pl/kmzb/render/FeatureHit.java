package pl.kmzb.render;

import java.util.Map;
import pl.kmzb.geo.LonLat;

/**
 * A feature under a queried pixel (GetFeatureInfo): its layer, an id, its properties and its
 * position as drawn; a cluster also carries its counts per category code and per status code
 * (only non-zero ones; empty for anything else).
 */
public record FeatureHit(String layerId, String featureId, Map<String, Object> properties, LonLat position,
    Map<String, Integer> countsByCategory, Map<String, Integer> countsByStatus) {
  public FeatureHit {
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    countsByCategory = Map.copyOf(countsByCategory);
    countsByStatus = Map.copyOf(countsByStatus);
  }
}
