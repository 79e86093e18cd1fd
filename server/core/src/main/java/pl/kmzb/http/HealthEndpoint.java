package pl.kmzb.http;

import java.util.LinkedHashMap;
import java.util.Map;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.report.Role;
import pl.kmzb.store.ReportStore;

/**
 * {@code GET /health}: 200 once everything has loaded, 503 before that. Anonymous callers (load
 * balancers, probes) learn only the status: the details move with hidden writes (the change-log
 * position moves on every insert and status change, public or not), so they are for
 * administrators, who send their bearer token.
 */
public final class HealthEndpoint implements Endpoint {
  private final Readiness readiness;
  private final ReportStore store;
  private final Authenticator auth;

  public HealthEndpoint(Readiness readiness, ReportStore store, Authenticator auth) {
    this.readiness = readiness;
    this.store = store;
    this.auth = auth;
  }

  @Override
  public void handle(Exchange ex) {
    Map<String, Object> body = new LinkedHashMap<>();
    boolean ready = readiness.isReady();
    body.put("status", ready ? "ready" : readiness.failures().isEmpty() ? "starting" : "failed");
    boolean administrator = auth.optional(ex).map(a -> a.role() == Role.ADMINISTRATOR).orElse(false);
    if (administrator) {
      body.put("store", store.kind());
      if (!readiness.pending().isEmpty()) {
        body.put("waitingFor", readiness.pending());
      }
      if (!readiness.failures().isEmpty()) {
        body.put("failures", readiness.failures());
      }
      if (ready) {
        body.put("lastChange", store.lastChangeSeq());
      }
      body.putAll(readiness.details());
    }
    ex.response().getHeaders().put("Cache-Control", "no-store");
    ex.response().getHeaders().put("Vary", "Authorization");
    ex.sendJson(ready ? 200 : 503, body);
  }
}
