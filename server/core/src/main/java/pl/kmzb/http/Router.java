package pl.kmzb.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps method and path to an {@link Endpoint}: the first step of every request. Routes are listed
 * in one place per plugin, so a reader finds the class behind a URL by searching for its path.
 */
public final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  /** {@code reads}: a POST that only reads (a query in a body), kept open on a read-only server. */
  private record Route(String method, PathPattern path, Endpoint endpoint, InlineEndpoint inline, boolean reads) {}

  /** Methods that change something; a read-only server refuses them unless the route only reads. */
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final List<Route> routes = new CopyOnWriteArrayList<>();
  /** Jetty's own request ids restart on every connection; ours are unique for the process. */
  private final AtomicLong requestIds = new AtomicLong();
  /** Why writes are refused (a read-only server), or null when they are served. */
  private volatile String readOnly;

  /**
   * The router runs on Jetty's network threads (it is declared non-blocking) and hands every
   * request to the pool, except those a route's {@link InlineEndpoint} answers at once.
   */
  public Router() {
    super(InvocationType.NON_BLOCKING);
  }

  public Router get(String path, Endpoint endpoint) {
    return add("GET", path, endpoint);
  }

  /** A GET route with a fast path tried first on the network thread. */
  public Router get(String path, Endpoint endpoint, InlineEndpoint inline) {
    return add("GET", path, endpoint, inline);
  }

  public Router post(String path, Endpoint endpoint) {
    return add("POST", path, endpoint);
  }

  public Router add(String method, String path, Endpoint endpoint) {
    return add(method, path, endpoint, null);
  }

  /**
   * A POST whose body may be a query (a WFS GetFeature in XML) as well as a write: a read-only
   * server keeps it open, and the endpoint's writes are refused by the store (whose refusal the
   * endpoint maps to its protocol's error).
   */
  public Router postQuery(String path, Endpoint endpoint) {
    return add("POST", path, endpoint, null, true);
  }

  /**
   * Makes this a read-only server: every POST, PUT, PATCH and DELETE route except {@link #postQuery}
   * ones answers 503 with {@code explanation} before its endpoint runs (and before a body is read).
   */
  public Router readOnly(String explanation) {
    this.readOnly = explanation;
    return this;
  }

  private Router add(String method, String path, Endpoint endpoint, InlineEndpoint inline) {
    return add(method, path, endpoint, inline, false);
  }

  private Router add(String method, String path, Endpoint endpoint, InlineEndpoint inline, boolean reads) {
    PathPattern pattern = PathPattern.parse(path);
    for (Route r : routes) {
      if (r.method.equals(method) && r.path.pattern().equals(pattern.pattern())) {
        throw new IllegalStateException(method + " " + path + " is already routed");
      }
    }
    routes.add(new Route(method, pattern, endpoint, inline, reads));
    return this;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String requestId = Long.toString(requestIds.incrementAndGet());
    request.setAttribute(Exchange.REQUEST_ID, requestId);
    response.getHeaders().put("X-Request-Id", requestId);
    String path = Request.getPathInContext(request);
    String method = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
    Set<String> allowed = new LinkedHashSet<>();
    String[] parts = PathPattern.split(path);
    for (Route r : routes) {
      Map<String, String> params = parts == null ? null : r.path.match(parts);
      if (params == null) {
        continue;
      }
      if (!r.method.equals(method)) {
        allowed.add(r.method);
        continue;
      }
      request.setAttribute(Exchange.ROUTE, r.method + " " + r.path.pattern());
      Exchange ex = new Exchange(request, response, callback, params);
      String refusal = readOnly;
      if (refusal != null && !r.reads && WRITES.contains(method)) {
        problem(ex, new ApiException(503, "Service Unavailable", refusal));
        return true;
      }
      if (r.inline != null && answeredInline(r.inline, ex, request, callback)) {
        return true;
      }
      getServer().getThreadPool().execute(() -> run(r.endpoint, ex, request, callback));
      return true;
    }
    Exchange ex = new Exchange(request, response, callback, Map.of());
    if (!allowed.isEmpty()) {
      response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
      problem(ex, new ApiException(405, "Method Not Allowed", request.getMethod() + " is not allowed on " + path
          + "; allowed: " + String.join(", ", allowed)));
    } else {
      problem(ex, new ApiException(404, "Not Found", "no resource at " + path));
    }
    return true;
  }

  private boolean answeredInline(InlineEndpoint inline, Exchange ex, Request request, Callback callback) {
    try {
      return inline.answerInline(ex);
    } catch (Throwable t) {
      fail(ex, request, callback, t);
      return true;
    }
  }

  private void run(Endpoint endpoint, Exchange ex, Request request, Callback callback) {
    try {
      endpoint.handle(ex);
    } catch (Throwable t) {
      fail(ex, request, callback, t);
    }
  }

  private void fail(Exchange ex, Request request, Callback callback, Throwable t) {
    ApiException api = Problems.toApi(t);
    if (api == null) {
      String id = (String) request.getAttribute(Exchange.REQUEST_ID);
      LOG.error("request {} {} failed", id, Request.getPathInContext(request), t);
      api = Problems.unexpected(t, id);
    }
    if (ex.response().isCommitted()) {
      callback.failed(t);
    } else {
      problem(ex, api);
    }
  }

  static void problem(Exchange ex, ApiException e) {
    try {
      byte[] body = Json.MAPPER.writeValueAsBytes(Problems.body(e, Request.getPathInContext(ex.request())));
      e.headers().forEach((name, value) -> ex.response().getHeaders().put(name, value));
      ex.send(e.status(), Problems.MEDIA_TYPE, body);
    } catch (JsonProcessingException jpe) {
      throw new IllegalStateException(jpe);
    }
  }

  /** Paths routed so far, for start-up logs. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Route r : routes) {
      out.add(r.method + " " + r.path.pattern());
    }
    return out;
  }
}
