package pl.kmzb.http;

/**
 * The fast path of a route: answers on the network thread that parsed the request when it can do
 * so without blocking or heavy work (a cached tile), and returns false otherwise, leaving the
 * request to the route's {@link Endpoint} on the request thread pool. Skipping the hand-over between
 * threads is most of what a cached answer costs.
 */
@FunctionalInterface
public interface InlineEndpoint {
  boolean answerInline(Exchange exchange) throws Exception;
}
