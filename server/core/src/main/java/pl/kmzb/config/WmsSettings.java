package pl.kmzb.config;

import java.util.Map;

/**
 * The WMS plugin's settings ({@code wms.*}): image size and layer limits, the image cache, render
 * concurrency and feature-info search. Grouped in one record so {@link ServerConfig} gains one field.
 */
public record WmsSettings(int maxWidth, int maxHeight, int maxLayers, int cacheMb, int renderConcurrency,
    int featureInfoTolerance, int maxFeatureCount, int maxScanFeatures, java.time.Duration warmUp) {

  /** Without {@code maxScanFeatures} and {@code warmUp} (their defaults, 20,000 and 20 s). */
  public WmsSettings(int maxWidth, int maxHeight, int maxLayers, int cacheMb, int renderConcurrency,
      int featureInfoTolerance, int maxFeatureCount) {
    this(maxWidth, maxHeight, maxLayers, cacheMb, renderConcurrency, featureInfoTolerance, maxFeatureCount, 20_000,
        java.time.Duration.ofSeconds(20));
  }

  static WmsSettings of(Map<Setting, String> v) {
    return new WmsSettings(
        Integer.parseInt(v.get(Setting.WMS_MAX_WIDTH).strip()),
        Integer.parseInt(v.get(Setting.WMS_MAX_HEIGHT).strip()),
        Integer.parseInt(v.get(Setting.WMS_MAX_LAYERS).strip()),
        Integer.parseInt(v.get(Setting.WMS_CACHE_MB).strip()),
        Integer.parseInt(v.get(Setting.WMS_RENDER_CONCURRENCY).strip()),
        Integer.parseInt(v.get(Setting.WMS_FEATURE_INFO_TOLERANCE).strip()),
        Integer.parseInt(v.get(Setting.WMS_MAX_FEATURE_COUNT).strip()),
        Integer.parseInt(v.get(Setting.WMS_MAX_SCAN_FEATURES).strip()),
        java.time.Duration.parse(v.get(Setting.WMS_WARM_UP).strip()));
  }
}
