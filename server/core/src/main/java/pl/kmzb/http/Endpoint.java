package pl.kmzb.http;

/** Answers one route. Throw {@link ApiException} for client errors; anything else is a 500. */
@FunctionalInterface
public interface Endpoint {
  void handle(Exchange exchange) throws Exception;
}
