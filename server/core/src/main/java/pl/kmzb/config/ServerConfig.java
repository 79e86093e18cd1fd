package pl.kmzb.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import pl.kmzb.auth.LoginLimits;

/** The validated configuration of one server process. Build it with {@link ConfigLoader}. */
public record ServerConfig(
    String httpHost,
    int httpPort,
    int httpThreads,
    String accessLog,
    String store,
    Path embeddedFile,
    String postgisUrl,
    String postgisUser,
    String postgisPassword,
    int postgisPoolSize,
    long demoReports,
    long demoSeed,
    Path layersDir,
    String trustedProxies,
    int citizenReportsPerWindow,
    Duration citizenWindow,
    Duration ipRetention,
    String adminUser,
    String adminPassword,
    Duration tokenTtl,
    int tilesMaxZoom,
    int tilesClusterMaxZoom,
    int tilesCacheMb,
    Duration referencePoll,
    String publicUrl,
    int tilesFilteredRenderRate,
    int tilesFilteredRenderBurst,
    int tilesFilteredRenderConcurrency,
    int tilesFilteredCachePercent,
    LoginLimits loginLimits,
    int citizenIpv6Prefix,
    Duration credentialCacheTtl,
    WmsSettings wms,
    int featuresDefaultLimit,
    int featuresMaxLimit,
    int tilesFilteredRenderPending,
    boolean tilesPoliceIndex,
    WebSettings web,
    HttpLimits httpLimits,
    OpsSettings ops,
    IndexSnapshotSettings indexSnapshot,
    boolean storeReadOnly,
    Duration analyticsLayerRefresh) {

  /** Builds the record from values that have already been checked. */
  static ServerConfig of(Map<Setting, String> v) {
    return new ServerConfig(
        v.get(Setting.HTTP_HOST),
        Integer.parseInt(v.get(Setting.HTTP_PORT).strip()),
        Integer.parseInt(v.get(Setting.HTTP_THREADS).strip()),
        v.get(Setting.ACCESS_LOG),
        v.get(Setting.STORE),
        Path.of(v.get(Setting.EMBEDDED_FILE)),
        v.get(Setting.POSTGIS_URL),
        v.get(Setting.POSTGIS_USER),
        v.get(Setting.POSTGIS_PASSWORD),
        Integer.parseInt(v.get(Setting.POSTGIS_POOL_SIZE).strip()),
        Long.parseLong(v.get(Setting.DEMO_REPORTS).strip()),
        Long.parseLong(v.get(Setting.DEMO_SEED).strip()),
        v.get(Setting.LAYERS_DIR).isBlank() ? null : Path.of(v.get(Setting.LAYERS_DIR)),
        v.get(Setting.TRUSTED_PROXIES),
        Integer.parseInt(v.get(Setting.CITIZEN_REPORTS).strip()),
        Duration.parse(v.get(Setting.CITIZEN_WINDOW).strip()),
        Duration.parse(v.get(Setting.IP_RETENTION).strip()),
        v.get(Setting.ADMIN_USER),
        v.get(Setting.ADMIN_PASSWORD),
        Duration.parse(v.get(Setting.TOKEN_TTL).strip()),
        Integer.parseInt(v.get(Setting.TILES_MAX_ZOOM).strip()),
        Integer.parseInt(v.get(Setting.TILES_CLUSTER_MAX_ZOOM).strip()),
        Integer.parseInt(v.get(Setting.TILES_CACHE_MB).strip()),
        Duration.parse(v.get(Setting.REFERENCE_POLL).strip()),
        v.get(Setting.PUBLIC_URL).strip(),
        Integer.parseInt(v.get(Setting.TILES_FILTERED_RENDER_RATE).strip()),
        Integer.parseInt(v.get(Setting.TILES_FILTERED_RENDER_BURST).strip()),
        Integer.parseInt(v.get(Setting.TILES_FILTERED_RENDER_CONCURRENCY).strip()),
        Integer.parseInt(v.get(Setting.TILES_FILTERED_CACHE_PERCENT).strip()),
        new LoginLimits(Integer.parseInt(v.get(Setting.AUTH_FAILED_LOGINS_PER_USER_ADDRESS).strip()),
            Integer.parseInt(v.get(Setting.AUTH_FAILED_LOGINS_PER_ADDRESS).strip()),
            Duration.parse(v.get(Setting.AUTH_FAILED_LOGIN_WINDOW).strip()),
            Integer.parseInt(v.get(Setting.AUTH_CONCURRENT_VERIFICATIONS).strip())),
        Integer.parseInt(v.get(Setting.CITIZEN_IPV6_PREFIX).strip()),
        Duration.parse(v.get(Setting.AUTH_CREDENTIAL_CACHE_TTL).strip()),
        WmsSettings.of(v),
        Integer.parseInt(v.get(Setting.FEATURES_DEFAULT_LIMIT).strip()),
        Integer.parseInt(v.get(Setting.FEATURES_MAX_LIMIT).strip()),
        Integer.parseInt(v.get(Setting.TILES_FILTERED_RENDER_PENDING).strip()),
        Boolean.parseBoolean(v.get(Setting.TILES_POLICE_INDEX).strip()),
        WebSettings.of(v),
        HttpLimits.of(v),
        OpsSettings.of(v),
        IndexSnapshotSettings.of(v),
        Boolean.parseBoolean(v.get(Setting.STORE_READ_ONLY).strip()),
        Duration.parse(v.get(Setting.ANALYTICS_LAYER_REFRESH).strip()));
  }

  /**
   * How often the data behind the analytics map layers is looked at: {@link #analyticsLayerRefresh},
   * never more often than {@link #referencePoll} (a look may start a computation over every report).
   */
  public Duration analyticsLayerPoll() {
    return analyticsLayerRefresh.compareTo(referencePoll) > 0 ? analyticsLayerRefresh : referencePoll;
  }

  /** Every setting at its default. */
  public static ServerConfig defaults() {
    Map<Setting, String> v = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      v.put(s, s.defaultValue());
    }
    return of(v);
  }

  @Override
  public String toString() {
    // Never print passwords: configuration is logged at start.
    return "ServerConfig[http=" + httpHost + ":" + httpPort + ", store=" + store
        + (store.equals("postgis") ? ", postgis=" + OpsSettings.withoutPassword(postgisUrl) : ", file=" + embeddedFile)
        + (storeReadOnly ? ", read-only" : "")
        + ", demoReports=" + demoReports + ", layers=" + (layersDir == null ? "bundled" : layersDir) + "]";
  }
}
