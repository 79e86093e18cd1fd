package pl.kmzb.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key, with its default and description. This enum is the single source of
 * the help text and of docs/CONFIGURATION.md (a test keeps the two equal).
 */
public enum Setting {
  HTTP_HOST("http.host", "0.0.0.0", "Address the HTTP server binds to.", Check.TEXT),
  HTTP_PORT("http.port", "8080", "TCP port of the HTTP server; 0 picks a free port.", Check.PORT),
  HTTP_THREADS("http.threads", "64", "Maximum number of request threads.", Check.POSITIVE),
  ACCESS_LOG("access-log", "-", "Where the access log goes: '-' for standard output, 'off', or a file path."
      + " Lines are written asynchronously and never contain client IP addresses.", Check.TEXT),
  STORE("store", "embedded", "Report store: 'embedded' (one SQLite file, nothing to install) or 'postgis'.",
      Check.STORE),
  EMBEDDED_FILE("embedded.file", "data/kmzb.sqlite", "Data file of the embedded store.", Check.PATH),
  POSTGIS_URL("postgis.url", "jdbc:postgresql://localhost:5432/kmzb",
      "JDBC URL of the PostGIS database (store=postgis). The schema is migrated at start.", Check.JDBC),
  POSTGIS_USER("postgis.user", "", "PostGIS user name (empty: from the URL or the driver's default).", Check.ANY),
  POSTGIS_PASSWORD("postgis.password", "", "PostGIS password (empty: none). Prefer the environment"
      + " variable KMZB_POSTGIS_PASSWORD over the command line.", Check.ANY),
  POSTGIS_POOL_SIZE("postgis.pool-size", "16", "Maximum number of PostGIS connections.", Check.POSITIVE),
  STORE_READ_ONLY("store.read-only", "false", "true: a read-only server for a hot standby (store=postgis on a"
      + " streaming replica). It runs no migrations, follows the change log by polling, and answers every write"
      + " (reports, users, logins, WFS-T) with 503; writes go to servers on the primary.", Check.BOOLEAN),
  DEMO_REPORTS("demo.reports", "0", "Synthetic demo reports generated into an empty store at start"
      + " (0: none). The README's run command uses 200000.", Check.NON_NEGATIVE),
  DEMO_SEED("demo.seed", "20161005", "Seed of the demo generator: the same seed gives the same reports.",
      Check.INTEGER),
  LAYERS_DIR("layers.dir", "", "Directory with categories.yaml, layers.yaml and indicators.yaml (empty:"
      + " the copies bundled in the jar, taken from the repository's layers/).", Check.ANY),
  TRUSTED_PROXIES("http.trusted-proxies", "", "Comma-separated addresses or CIDR blocks of reverse proxies"
      + " whose X-Forwarded-For is believed (empty: none; the socket peer is the client).", Check.ANY),
  CITIZEN_REPORTS("citizen.reports-per-window", "1", "How many reports one address may send anonymously"
      + " per window.", Check.POSITIVE),
  CITIZEN_WINDOW("citizen.window", "PT24H", "The rolling window of the citizen limit (ISO-8601 duration).",
      Check.DURATION),
  IP_RETENTION("privacy.ip-retention", "P30D", "How long reporters' addresses are kept for abuse control"
      + " before a scheduled job deletes them (ISO-8601 duration, at least citizen.window).", Check.DURATION),
  ADMIN_USER("auth.admin-user", "admin", "User name of the first administrator, created at start when no"
      + " enabled administrator exists.", Check.TEXT),
  ADMIN_PASSWORD("auth.admin-password", "", "Password of that first administrator (at least 12 characters;"
      + " empty: a random one is generated and written once to the log). Prefer KMZB_AUTH_ADMIN_PASSWORD.",
      Check.ANY),
  TOKEN_TTL("auth.token-ttl", "PT12H", "How long a bearer token stays valid (ISO-8601 duration).",
      Check.DURATION),
  TILES_MAX_ZOOM("tiles.max-zoom", "16", "The deepest zoom served (0-19); clients overzoom beyond it.", Check.ZOOM),
  TILES_CLUSTER_MAX_ZOOM("tiles.cluster-max-zoom", "16", "The deepest zoom whose threat tiles carry clusters"
      + " (at most tiles.max-zoom); deeper tiles carry single reports.", Check.ZOOM),
  TILES_CACHE_MB("tiles.cache-mb", "256", "Memory for encoded tiles, in MiB (gzip-compressed tiles are counted).",
      Check.POSITIVE),
  REFERENCE_POLL("reference.poll-interval", "PT5S", "How often a running server checks whether boundaries or police"
      + " units were imported, and reloads them (ISO-8601 duration).", Check.DURATION),
  ANALYTICS_LAYER_REFRESH("analytics.layer-refresh", "PT1M", "How often at most the analytics map layers (road"
      + " segments, hot spots, density) are computed again while reports change; each computation reads every"
      + " public report (ISO-8601 duration; never more often than reference.poll-interval).", Check.DURATION),
  PUBLIC_URL("http.public-url", "", "The server's base URL as clients reach it, e.g. https://mapa.example.pl/kmzb;"
      + " absolute URLs (TileJSON, tileset lists) start with it. Empty: the request's scheme and host, where"
      + " X-Forwarded-Proto/-Host and Forwarded are believed only from http.trusted-proxies.", Check.BASE_URL),
  TILES_FILTERED_RENDER_RATE("tiles.filtered-render-ms-per-second", "25", "Render time, in milliseconds per"
      + " second, that one client (an IPv4 address or an IPv6 /64) may spend on filtered tiles no cache holds;"
      + " beyond it and the burst the client gets 429 with Retry-After. Unfiltered tiles never count.",
      Check.POSITIVE),
  TILES_FILTERED_RENDER_BURST("tiles.filtered-render-burst-ms", "500", "How much filtered render time, in"
      + " milliseconds, a client may spend at once before tiles.filtered-render-ms-per-second applies.",
      Check.POSITIVE),
  TILES_FILTERED_RENDER_CONCURRENCY("tiles.filtered-render-concurrency", "0", "How many filtered tiles no cache"
      + " holds may render at once, over all clients (0: half the processors, at least 1); a request that cannot"
      + " start within a second gets 503 with Retry-After, so unfiltered tiles always keep processors free.",
      Check.NON_NEGATIVE),
  TILES_POLICE_INDEX("tiles.police-index", "true", "Whether the police-threats tileset is offered: a second"
      + " cluster index of every report that is not deleted, at its exact position (about 105 bytes a report,"
      + " 516 MB at 5 M reports). false saves that memory and withdraws the tileset.", Check.BOOLEAN),
  INDEX_SNAPSHOT_DIR("index.snapshot-dir", "", "Folder for the snapshots of the cluster index and of the statistics,"
      + " written on clean shutdown and every index.snapshot-interval, so a restart loads them and catches up from"
      + " the change log instead of reading every report (empty: the folder of embedded.file, or the folder 'data' under the working directory when it has none,"
      + " as with store=postgis; 'off': no snapshots).", Check.ANY),
  INDEX_SNAPSHOT_INTERVAL("index.snapshot-interval", "PT5M", "How often the snapshots of the cluster index and of the"
      + " statistics are written again while they change (ISO-8601 duration).", Check.DURATION),
  TILES_FILTERED_RENDER_PENDING("tiles.filtered-render-pending-per-client", "16", "How many filtered tiles no"
      + " cache holds one client may have rendering or waiting to render at once; beyond, 429 at once, so one"
      + " client's requests never fill the request threads waiting for a render slot. Raise it behind an"
      + " HTTP/2 proxy whose users' map views ask for more tiles at once.", Check.POSITIVE),
  TILES_FILTERED_CACHE_PERCENT("tiles.filtered-cache-percent", "25", "Share of tiles.cache-mb that filtered"
      + " tiles may fill (1-99); the rest holds unfiltered tiles, which filtered ones can never evict.",
      Check.PERCENT),
  AUTH_FAILED_LOGINS_PER_USER_ADDRESS("auth.failed-logins-per-user-address", "10", "Failed logins one client"
      + " address (IPv6: its /64) may make for one user name within auth.failed-login-window before further"
      + " attempts for that name from that address are refused (429); other addresses are not affected.",
      Check.POSITIVE),
  AUTH_FAILED_LOGINS_PER_ADDRESS("auth.failed-logins-per-address", "50", "Failed logins one client address"
      + " (IPv6: its /64) may make for all user names together within auth.failed-login-window.",
      Check.POSITIVE),
  AUTH_FAILED_LOGIN_WINDOW("auth.failed-login-window", "PT15M", "The rolling window of the failed-login limits"
      + " (ISO-8601 duration).", Check.DURATION),
  AUTH_CONCURRENT_VERIFICATIONS("auth.concurrent-verifications", "4", "Password verifications (Argon2id, 19 MiB"
      + " each) that may run at once; a login that finds none free within 200 ms gets 503 with Retry-After.",
      Check.POSITIVE),
  AUTH_CREDENTIAL_CACHE_TTL("auth.credential-cache-ttl", "PT60S", "How long HTTP Basic credentials (sent by WMS/WFS"
      + " clients with every request) stay trusted after one Argon2 verification (ISO-8601 duration); each use still"
      + " checks that the user's password and state are unchanged, and failed credentials are never kept.",
      Check.DURATION),
  CITIZEN_IPV6_PREFIX("citizen.ipv6-prefix", "64", "IPv6 senders share the citizen limit per network prefix of this"
      + " many bits (16-128; a home or phone gets a whole /64, so single addresses would be free); IPv4 senders"
      + " (also IPv4-mapped IPv6) are counted per address.", Check.IPV6_PREFIX),
  WMS_MAX_WIDTH("wms.max-width", "4096", "Widest image, in pixels, a WMS GetMap or GetLegendGraphic request may ask"
      + " for; wider requests get an InvalidParameterValue exception.", Check.POSITIVE),
  WMS_MAX_HEIGHT("wms.max-height", "4096", "Tallest image, in pixels, a WMS request may ask for.", Check.POSITIVE),
  WMS_MAX_LAYERS("wms.max-layers", "16", "Most layers one WMS GetMap request may name (LAYERS).", Check.POSITIVE),
  WMS_CACHE_MB("wms.cache-mb", "128", "Memory for encoded WMS map images, in MiB; entries are dropped when the data"
      + " they show changes.", Check.POSITIVE),
  WMS_RENDER_CONCURRENCY("wms.render-concurrency", "0", "How many WMS maps may render at once (0: the number of"
      + " processors); with wms.max-width and wms.max-height this bounds the memory renders take. A request that"
      + " cannot start within 2 seconds gets 503 with Retry-After.", Check.NON_NEGATIVE),
  WMS_FEATURE_INFO_TOLERANCE("wms.feature-info-tolerance", "6", "How far, in pixels, from the clicked point a"
      + " WMS GetFeatureInfo request finds features.", Check.NON_NEGATIVE),
  WMS_MAX_FEATURE_COUNT("wms.max-feature-count", "50", "Most features one GetFeatureInfo answer lists per layer,"
      + " whatever FEATURE_COUNT asks.", Check.POSITIVE),
  WMS_MAX_SCAN_FEATURES("wms.max-scan-features", "20000", "Most reports one WMS map draws from the store for a"
      + " layer whose CQL_FILTER the cluster index cannot answer (e.g. description LIKE ...); a map that has more"
      + " says so in its corner.", Check.POSITIVE),
  WMS_WARM_UP("wms.warm-up", "PT20S", "At start, once the cluster index is loaded, the WMS renderer draws maps"
      + " off-line for at most this long, and /health answers 503 until it is done: the first maps of a JVM"
      + " otherwise take up to 1.6 s (class loading, Java2D, the JIT). PT0S: no maps are drawn and the server is"
      + " ready as soon as its indexes are (a restart from the index snapshot in a few seconds), its first maps"
      + " slower. The same budget bounds, after readiness, the maps of groups and analysis layers drawn once the"
      + " analytics layers' first results are in, and the WMTS tiles drawn (never cached) once the server is ready"
      + " (ISO-8601 duration).", Check.NON_NEGATIVE_DURATION),
  WMTS_FILTERED_CACHE_MB("wmts.filtered-cache-mb", "32", "Memory for filtered WMTS tiles and OGC API vector tiles"
      + " of the non-Web-Mercator sets (category, status, from/to, TIME, CQL2 variants), in MiB, apart from the"
      + " unfiltered tiles (wms.cache-mb), so a client varying filters cannot grow memory or evict them.",
      Check.POSITIVE),
  WMTS_FILTERED_CACHE_ENTRIES("wmts.filtered-cache-entries", "20000", "Most filtered WMTS / OGC API tiles held"
      + " at once (with wmts.filtered-cache-mb: whichever bound is reached first).", Check.POSITIVE),
  FEATURES_DEFAULT_LIMIT("features.default-limit", "100", "Features per page of WFS GetFeature and OGC API"
      + " Features items when the client names no COUNT or limit.", Check.POSITIVE),
  FEATURES_MAX_LIMIT("features.max-limit", "10000", "The largest page WFS and OGC API Features answer; a larger"
      + " COUNT or limit is lowered to it (the next link goes on from there).", Check.POSITIVE),
  WEB_BASEMAP_URL("web.basemap-url", "", "An external XYZ basemap under the web map, as a tile URL template with"
      + " {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png (empty: none; the map draws only the"
      + " server's own boundary tiles and asks no other host).", Check.XYZ_URL),
  WEB_BASEMAP_ATTRIBUTION("web.basemap-attribution", "", "The attribution the web map shows with"
      + " web.basemap-url (plain text, e.g. the tile provider's copyright line).", Check.ANY),
  HTTP_IDLE_TIMEOUT("http.idle-timeout", "PT30S", "How long a connection may stay silent before it is closed;"
      + " also the longest a request body may pause (the client then gets 408 or a closed connection).",
      Check.DURATION),
  HTTP_HEADER_TIMEOUT("http.header-timeout", "PT10S", "How long a client may take to send a request's line and"
      + " headers once it started; a slower one (slowloris) is disconnected. Also the grace before"
      + " http.min-body-rate applies to a body.", Check.DURATION),
  HTTP_MIN_BODY_RATE("http.min-body-rate", "1024", "The slowest a request body may arrive, in bytes per second"
      + " averaged over the time the server waits for it; a slower upload is disconnected once"
      + " http.header-timeout has passed.",
      Check.POSITIVE),
  POSTGIS_CONNECT_WAIT("postgis.connect-wait", "PT60S", "How long the server and the command-line tools wait at"
      + " start for PostGIS to accept connections (a database still starting, or down), trying again with a"
      + " doubling pause from 0.25 s to 5 s (ISO-8601 duration; PT0S: try once). On giving up they print one line"
      + " naming the URL and the cause, and exit with status 2. Wrong credentials and a missing database fail at"
      + " once.", Check.NON_NEGATIVE_DURATION),
  POSTGIS_CONNECTION_TIMEOUT("postgis.connection-timeout", "PT3S", "How long a request waits for a PostGIS"
      + " connection from the pool (all busy, or the database down or restarting) before it gets 503 with"
      + " Retry-After (ISO-8601 duration; at least 0.25 s). Bounds a request's time during an outage.",
      Check.DURATION),
  METRICS_MODE("metrics.mode", "guarded", "Prometheus metrics at /metrics: 'guarded' (on the HTTP port, for"
      + " administrators only: HTTP Basic or a bearer token of an admin user), 'admin-port' (on their own listener,"
      + " metrics.admin-host:metrics.admin-port, without credentials: keep that port off the public network), or"
      + " 'off'.", Check.METRICS_MODE),
  METRICS_ADMIN_HOST("metrics.admin-host", "127.0.0.1", "Address the metrics listener binds to when metrics.mode is"
      + " admin-port.", Check.TEXT),
  METRICS_ADMIN_PORT("metrics.admin-port", "9464", "TCP port of the metrics listener when metrics.mode is"
      + " admin-port; 0 picks a free port.", Check.PORT),
  LOG_FORMAT("log.format", "text", "Format of both logs: 'text' (one line of fields separated by spaces) or"
      + " 'json' (one JSON object per line). Access log: time, requestId, method, path, query, status, bytes, ms,"
      + " service, operation, and layer, tile, cache and error when set; server log (standard error): time,"
      + " level, thread, logger, message, and error (the stack trace) when set. Neither ever holds a client"
      + " address.",
      Check.LOG_FORMAT);

  private final String key;
  private final String defaultValue;
  private final String description;
  private final Check check;

  Setting(String key, String defaultValue, String description, Check check) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.check = check;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The environment variable that sets this key: KMZB_ and the key in upper case, '.' and '-' as '_'. */
  public String envName() {
    return "KMZB_" + key.toUpperCase().replace('.', '_').replace('-', '_');
  }

  /** Null if the value is acceptable, else what is wrong with it. */
  String problem(String value) {
    return check.problem(value);
  }

  public static Optional<Setting> ofKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  public static Optional<Setting> ofEnv(String name) {
    return Arrays.stream(values()).filter(s -> s.envName().equals(name)).findFirst();
  }

  private enum Check {
    ANY, TEXT, PORT, POSITIVE, NON_NEGATIVE, INTEGER, STORE, PATH, JDBC, DURATION, ZOOM, PERCENT, BASE_URL, IPV6_PREFIX,
    BOOLEAN, XYZ_URL, NON_NEGATIVE_DURATION, METRICS_MODE, LOG_FORMAT;

    String problem(String v) {
      return switch (this) {
        case ANY -> null;
        case TEXT, PATH -> v.isBlank() ? "must not be empty" : null;
        case PORT -> range(v, 0, 65_535);
        case POSITIVE -> range(v, 1, Integer.MAX_VALUE);
        case NON_NEGATIVE -> range(v, 0, Long.MAX_VALUE);
        case INTEGER -> range(v, Long.MIN_VALUE, Long.MAX_VALUE);
        case STORE -> v.equals("embedded") || v.equals("postgis") ? null : "must be 'embedded' or 'postgis'";
        case JDBC -> v.startsWith("jdbc:postgresql:") ? null : "must be a jdbc:postgresql: URL";
        case DURATION -> duration(v);
        case ZOOM -> range(v, 0, 19);
        case PERCENT -> range(v, 1, 99);
        case BASE_URL -> v.isBlank() || v.strip().matches("https?://[A-Za-z0-9.\\[\\]:-]+(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?")
            && !v.strip().endsWith("/") ? null : "must be an http(s) URL without a trailing slash, query or fragment";
        case IPV6_PREFIX -> range(v, 16, 128);
        case BOOLEAN -> v.strip().equals("true") || v.strip().equals("false") ? null : "must be true or false";
        case XYZ_URL -> v.isBlank() || v.strip().matches("https?://[A-Za-z0-9.\\[\\]:-]+/[^\\s\"'<>]*")
            && v.contains("{z}") && v.contains("{x}") && (v.contains("{y}") || v.contains("{-y}")) ? null
            : "must be an http(s) tile URL template with {z}, {x} and {y}";
        case NON_NEGATIVE_DURATION -> v.strip().matches("(?i)P(T0+S|0+D)") ? null : duration(v);
        case METRICS_MODE -> v.strip().matches("guarded|admin-port|off") ? null
            : "must be 'guarded', 'admin-port' or 'off'";
        case LOG_FORMAT -> v.strip().matches("text|json") ? null : "must be 'text' or 'json'";
      };
    }

    private static String duration(String v) {
      try {
        java.time.Duration d = java.time.Duration.parse(v.strip());
        return d.isNegative() || d.isZero() ? "must be positive" : null;
      } catch (java.time.format.DateTimeParseException e) {
        return "must be an ISO-8601 duration such as PT24H or P30D";
      }
    }

    private static String range(String v, long min, long max) {
      try {
        long n = Long.parseLong(v.strip());
        return n < min || n > max ? "must be between " + min + " and " + max : null;
      } catch (NumberFormatException e) {
        return "must be a whole number";
      }
    }
  }
}
