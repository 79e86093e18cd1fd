package pl.kmzb.config;

import java.time.Duration;
import java.util.Map;

/**
 * The WMS plugin's settings ({@code wms.*}): image size and layer limits, the image cache, render
 * concurrency, feature-info search, the filtered WMTS tile cache and the warm-up at start. Grouped in
 * one record so {@link ServerConfig} gains one field.
 */
public record WmsSettings(int maxWidth, int maxHeight, int maxLayers, int cacheMb, int renderConcurrency,
    int featureInfoTolerance, int maxFeatureCount, int maxScanFeatures, int tileFilteredCacheMb,
    int tileFilteredCacheEntries, Duration warmUp) {

  /** Without the filtered WMTS tile cache's bounds and the warm-up (their defaults, 32 MiB, 20,000 entries, 20 s). */
  public WmsSettings(int maxWidth, int maxHeight, int maxLayers, int cacheMb, int renderConcurrency,
      int featureInfoTolerance, int maxFeatureCount, int maxScanFeatures) {
    this(maxWidth, maxHeight, maxLayers, cacheMb, renderConcurrency, featureInfoTolerance, maxFeatureCount,
        maxScanFeatures, 32, 20_000, Duration.ofSeconds(20));
  }

  /** Without {@code maxScanFeatures} either (its default, 20,000). */
  public WmsSettings(int maxWidth, int maxHeight, int maxLayers, int cacheMb, int renderConcurrency,
      int featureInfoTolerance, int maxFeatureCount) {
    this(maxWidth, maxHeight, maxLayers, cacheMb, renderConcurrency, featureInfoTolerance, maxFeatureCount, 20_000);
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
        Integer.parseInt(v.get(Setting.WMTS_FILTERED_CACHE_MB).strip()),
        Integer.parseInt(v.get(Setting.WMTS_FILTERED_CACHE_ENTRIES).strip()),
        Duration.parse(v.get(Setting.WMS_WARM_UP).strip()));
  }
}
