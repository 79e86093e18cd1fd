package pl.kmzb.wms;

import java.util.List;

/** A GetFeatureInfo request: the map it was made on, the layers to query, the pixel and the answer format. */
public record FeatureInfoRequest(MapRequest map, List<DrawnLayer> queryLayers, InfoFormat format, int featureCount,
    int i, int j) {
  public FeatureInfoRequest {
    queryLayers = List.copyOf(queryLayers);
  }
}
