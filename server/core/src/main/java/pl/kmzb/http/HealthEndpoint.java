package pl.kmzb.http;

import java.util.LinkedHashMap;
import java.util.Map;
import pl.kmzb.store.ReportStore;

/** {@code GET /health}: 200 once everything has loaded, 503 with what is pending before that. */
public final class HealthEndpoint implements Endpoint {
  private final Readiness readiness;
  private final ReportStore store;

  public HealthEndpoint(Readiness readiness, ReportStore store) {
    this.readiness = readiness;
    this.store = store;
  }

  @Override
  public void handle(Exchange ex) {
    Map<String, Object> body = new LinkedHashMap<>();
    boolean ready = readiness.isReady();
    body.put("status", ready ? "ready" : readiness.failures().isEmpty() ? "starting" : "failed");
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
    ex.response().getHeaders().put("Cache-Control", "no-store");
    ex.sendJson(ready ? 200 : 503, body);
  }
}
