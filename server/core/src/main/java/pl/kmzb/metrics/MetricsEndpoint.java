package pl.kmzb.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Endpoint;
import pl.kmzb.http.Exchange;
import pl.kmzb.report.Role;

/**
 * {@code GET /metrics}: the Prometheus text format. On the public port only administrators may read
 * it (HTTP Basic, as Prometheus' basic_auth sends, or a bearer token): request counts per route and
 * the change-log position move with hidden writes, as /health's details do. On the admin listener
 * ({@code auth} null) it is open; that port is kept off the public network.
 */
public final class MetricsEndpoint implements Endpoint {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final Authenticator auth;

  public MetricsEndpoint(PrometheusMeterRegistry registry, Authenticator auth) {
    this.registry = registry;
    this.auth = auth;
  }

  @Override
  public void handle(Exchange ex) {
    if (auth != null && auth.require(ex, Authenticator.Scheme.BASIC).role() != Role.ADMINISTRATOR) {
      throw new ApiException(403, "Forbidden", "metrics are for administrators");
    }
    ex.response().getHeaders().put("Cache-Control", "no-store");
    ex.send(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
