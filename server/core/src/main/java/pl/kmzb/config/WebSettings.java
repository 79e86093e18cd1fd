package pl.kmzb.config;

import java.util.Map;

/**
 * The web map's settings ({@code web.*}): an optional external XYZ basemap and its attribution.
 * Empty URL: none, and the page asks no host but the server. One record so {@link ServerConfig}
 * gains one field.
 */
public record WebSettings(String basemapUrl, String basemapAttribution) {
  static WebSettings of(Map<Setting, String> v) {
    return new WebSettings(v.get(Setting.WEB_BASEMAP_URL).strip(), v.get(Setting.WEB_BASEMAP_ATTRIBUTION).strip());
  }

  /** Whether an external basemap is configured. */
  public boolean hasBasemap() {
    return !basemapUrl.isEmpty();
  }
}
