package pl.kmzb.config;

import java.time.Duration;
import java.util.Map;

/**
 * How slow a client may be ({@code http.idle-timeout}, {@code http.header-timeout},
 * {@code http.min-body-rate}): a client that sends its request a byte at a time must not hold a
 * connection, or a request thread, for as long as it likes. One record so {@link ServerConfig} gains
 * one field.
 */
public record HttpLimits(Duration idleTimeout, Duration headerTimeout, int minBodyBytesPerSecond) {
  /** The defaults of {@link Setting}. */
  public static final HttpLimits DEFAULT = new HttpLimits(Duration.parse(Setting.HTTP_IDLE_TIMEOUT.defaultValue()),
      Duration.parse(Setting.HTTP_HEADER_TIMEOUT.defaultValue()),
      Integer.parseInt(Setting.HTTP_MIN_BODY_RATE.defaultValue()));

  static HttpLimits of(Map<Setting, String> v) {
    return new HttpLimits(Duration.parse(v.get(Setting.HTTP_IDLE_TIMEOUT).strip()),
        Duration.parse(v.get(Setting.HTTP_HEADER_TIMEOUT).strip()),
        Integer.parseInt(v.get(Setting.HTTP_MIN_BODY_RATE).strip()));
  }
}
