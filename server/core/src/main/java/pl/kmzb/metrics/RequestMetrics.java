package pl.kmzb.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.RequestKind;

/**
 * Counts and times every request where the access log sees it (Jetty calls both once the response is
 * complete): {@code kmzb_http_requests_seconds} by service, operation and status class, with histogram
 * buckets from 5 ms to 10 s; {@code kmzb_http_errors_total} by service, operation, status class and
 * OGC exception code (WMS reports its exceptions with 200, so the status alone would hide them); and
 * {@code kmzb_cache_lookups_total} by service and result for requests whose endpoint reported a cache
 * outcome (tiles, WMS, WMTS, OGC API map tiles), from which hit rates follow.
 */
public final class RequestMetrics implements RequestLog {
  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private record TimerKey(RequestKind kind, int statusClass) {}

  private record CacheKey(String service, String result) {}

  private record ErrorKey(RequestKind kind, int statusClass, String code) {}

  private final MeterRegistry registry;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
  private final Map<CacheKey, Counter> lookups = new ConcurrentHashMap<>();
  private final Map<ErrorKey, Counter> errors = new ConcurrentHashMap<>();

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void log(Request request, Response response) {
    long nanos = System.nanoTime() - request.getBeginNanoTime();
    RequestKind kind = RequestKind.of(request);
    int statusClass = Math.max(1, Math.min(5, response.getStatus() / 100));
    timers.computeIfAbsent(new TimerKey(kind, statusClass), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    Object error = request.getAttribute(Exchange.LOG_ERROR);
    if (statusClass >= 4 || error != null) {
      ErrorKey key = new ErrorKey(kind, statusClass, error == null ? "none" : error.toString());
      errors.computeIfAbsent(key, this::errorCounter).increment();
    }
    Object result = request.getAttribute(Exchange.LOG_CACHE);
    if (result != null) {
      lookups.computeIfAbsent(new CacheKey(kind.service(), result.toString()), this::lookupCounter).increment();
    }
  }

  private Timer timer(TimerKey key) {
    return Timer.builder("kmzb.http.requests")
        .description("HTTP requests by service, operation and status class")
        .tag("service", key.kind().service())
        .tag("operation", key.kind().operation())
        .tag("status", key.statusClass() + "xx")
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  private Counter errorCounter(ErrorKey key) {
    return Counter.builder("kmzb.http.errors")
        .description("Requests answered with an error: a 4xx or 5xx status, or an OGC exception report sent with"
            + " 200 (WMS; code names its exception code)")
        .tag("service", key.kind().service())
        .tag("operation", key.kind().operation())
        .tag("status", key.statusClass() + "xx")
        .tag("code", key.code())
        .register(registry);
  }

  private Counter lookupCounter(CacheKey key) {
    return Counter.builder("kmzb.cache.lookups")
        .description("Cache outcomes of requests whose answer may come from a cache (hit, miss, stale, ...)")
        .tag("service", key.service())
        .tag("result", key.result())
        .register(registry);
  }
}
