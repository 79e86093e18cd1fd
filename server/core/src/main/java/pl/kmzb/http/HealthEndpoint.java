package pl.kmzb.http;

import java.util.LinkedHashMap;
import java.util.Map;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.report.Role;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StoreFaults;

/**
 * {@code GET /health}: 200 once everything has loaded, 503 before that, and 503 "degraded" with
 * {@code Retry-After} while the database cannot be reached (the server itself stays up and the pool
 * reconnects: a balancer takes it out of rotation and back without a restart). Anonymous callers (load
 * balancers, probes) learn only the status: the details move with hidden writes (the change-log
 * position moves on every insert and status change, public or not), so they are for
 * administrators, who send their bearer token.
 */
public final class HealthEndpoint implements Endpoint {
  private final Readiness readiness;
  private final ReportStore store;
  private final Authenticator auth;
  /** The last probe of the store, reused for a second so that frequent probes cost one query. */
  private volatile Probe probe = new Probe(0, null, null);

  private record Probe(long atNanos, Long lastChange, StoreFaults.Kind fault) {}

  public HealthEndpoint(Readiness readiness, ReportStore store, Authenticator auth) {
    this.readiness = readiness;
    this.store = store;
    this.auth = auth;
  }

  @Override
  public void handle(Exchange ex) {
    Map<String, Object> body = new LinkedHashMap<>();
    boolean loaded = readiness.isReady();
    Probe p = loaded ? probe() : null;
    boolean ready = loaded && p.fault() == null;
    body.put("status", ready ? "ready" : loaded ? "degraded" : readiness.failures().isEmpty() ? "starting" : "failed");
    if (loaded && !ready) {
      body.put("reason", p.fault() == StoreFaults.Kind.FULL ? "the store is full" : "the database does not answer");
      ex.response().getHeaders().put("Retry-After", Integer.toString(StoreFaults.RETRY_AFTER_SECONDS));
    }
    boolean administrator = auth.optional(ex).map(a -> a.role() == Role.ADMINISTRATOR).orElse(false);
    if (administrator) {
      body.put("store", store.kind());
      if (!readiness.pending().isEmpty()) {
        body.put("waitingFor", readiness.pending());
      }
      if (!readiness.failures().isEmpty()) {
        body.put("failures", readiness.failures());
      }
      if (!readiness.background().isEmpty()) {
        body.put("background", readiness.background());
      }
      if (ready) {
        body.put("lastChange", p.lastChange());
      }
      body.putAll(readiness.details());
    }
    ex.response().getHeaders().put("Cache-Control", "no-store");
    ex.response().getHeaders().put("Vary", "Authorization");
    ex.sendJson(ready ? 200 : 503, body);
  }

  /** Whether the store answers a query now (at most one query a second, whatever the probe rate). */
  private Probe probe() {
    Probe p = probe;
    long now = System.nanoTime();
    if (p.atNanos() != 0 && now - p.atNanos() < 1_000_000_000L) {
      return p;
    }
    try {
      p = new Probe(now, store.lastChangeSeq(), null);
    } catch (RuntimeException e) {
      StoreFaults.Kind kind = StoreFaults.of(e);
      StoreFaults.log(kind == null ? StoreFaults.Kind.OUTAGE : kind, e);
      p = new Probe(now, null, kind == null ? StoreFaults.Kind.OUTAGE : kind);
    }
    probe = p;
    return p;
  }
}
