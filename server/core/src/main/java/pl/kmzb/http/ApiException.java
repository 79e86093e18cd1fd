package pl.kmzb.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error a JSON API endpoint answers with, rendered as RFC 7807 problem details by
 * {@link Problems}. {@code errors} names each bad field so clients can show them beside inputs.
 */
public final class ApiException extends RuntimeException {
  /** One invalid input: the field or parameter name and what is wrong with it. */
  public record FieldError(String field, String message) {}

  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /**
   * Carries no stack trace: an ApiException is an answer to the client, not a fault to debug, and
   * filling in Jetty's deep stack on every one is work a flood of refused requests (429 on the
   * network thread, docs/PERFORMANCE.md "Cache flooding") would buy for nothing. Faults go through
   * {@link Problems#unexpected} with the original throwable logged.
   */
  public ApiException(int status, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public ApiException(int status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, "Bad Request", message, List.of(new FieldError(field, message)));
  }

  /** Adds a response header the problem is sent with (e.g. Retry-After on 429 and 503). */
  public ApiException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
