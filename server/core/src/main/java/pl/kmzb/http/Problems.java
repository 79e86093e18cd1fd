package pl.kmzb.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.filter.FilterException;
import pl.kmzb.report.SubmissionRejected;
import pl.kmzb.report.WorkflowException;
import pl.kmzb.store.StoreException;
import pl.kmzb.store.StoreFaults;

/**
 * The one place that turns exceptions of the JSON APIs into RFC 7807 problem details. OGC
 * services have their own mapper (exception reports), never this one.
 */
public final class Problems {
  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** The API error an exception stands for, or null if it is unexpected (a server bug or outage). */
  public static ApiException toApi(Throwable t) {
    if (t instanceof ApiException api) {
      return api;
    }
    StoreFaults.Kind fault = StoreFaults.of(t);
    if (fault != null) {
      StoreFaults.log(fault, t);
      return storeFault(fault);
    }
    if (t instanceof SubmissionRejected r) {
      return new ApiException(400, "Bad Request", r.getMessage(), r.problems().stream()
          .map(p -> new ApiException.FieldError(p.field(), p.message())).toList());
    }
    if (t instanceof FilterException f) {
      return ApiException.badRequest(f.parameter(), f.getMessage());
    }
    if (t instanceof WorkflowException w) {
      return switch (w.reason()) {
        case OUTSIDE_AREA, FORBIDDEN_MOVE -> new ApiException(403, "Forbidden", w.getMessage());
        case NOTE_REQUIRED -> ApiException.badRequest("note", w.getMessage());
        case NO_CHANGE, DELETED -> new ApiException(409, "Conflict", w.getMessage());
      };
    }
    if (t instanceof pl.kmzb.unit.PoliceUnitException u) {
      List<ApiException.FieldError> errors = u.problems().stream()
          .map(p -> new ApiException.FieldError("units", p)).toList();
      return switch (u.reason()) {
        case CONFLICT -> new ApiException(409, "Conflict", u.getMessage(), errors);
        case INVALID_FILE, NOT_ASSIGNABLE -> new ApiException(422, "Unprocessable Content", u.getMessage(), errors);
      };
    }
    if (t instanceof pl.kmzb.auth.AuthException a) {
      return new ApiException(409, "Conflict", a.getMessage());
    }
    if (t instanceof pl.kmzb.store.RateLimitedException r) {
      return new ApiException(429, "Too Many Requests", r.getMessage());
    }
    if (t instanceof StoreException s) {
      return switch (s.reason()) {
        case NOT_FOUND -> new ApiException(404, "Not Found", s.getMessage());
        case VERSION_CONFLICT -> new ApiException(412, "Precondition Failed", s.getMessage());
        case DUPLICATE_EXTERNAL_ID -> new ApiException(409, "Conflict", s.getMessage());
        case UNAVAILABLE -> null;
        case READ_ONLY -> new ApiException(503, "Service Unavailable", s.getMessage());
      };
    }
    return null;
  }

  /**
   * A database outage (503, Retry-After: the pool reconnects when the database is back) or a full
   * store (507 Insufficient Storage: nothing was stored, and it stays so until space is freed).
   */
  public static ApiException storeFault(StoreFaults.Kind fault) {
    return switch (fault) {
      case OUTAGE -> new ApiException(503, "Service Unavailable", StoreFaults.explain(fault))
          .withHeader("Retry-After", Integer.toString(StoreFaults.RETRY_AFTER_SECONDS));
      case FULL -> new ApiException(507, "Insufficient Storage", StoreFaults.explain(fault));
    };
  }

  /** What the client hears of an unexpected failure: no internals, only the id to quote. */
  public static ApiException unexpected(Throwable t, String requestId) {
    String detail = "the server could not answer; quote request id " + requestId;
    return t instanceof StoreException
        ? new ApiException(503, "Service Unavailable", detail)
        : new ApiException(500, "Internal Server Error", detail);
  }

  /** The problem-details body for an API error. */
  public static Map<String, Object> body(ApiException e, String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", e.title());
    body.put("status", e.status());
    body.put("detail", e.getMessage());
    body.put("instance", instance);
    if (!e.errors().isEmpty()) {
      List<Map<String, String>> errors = new ArrayList<>();
      for (ApiException.FieldError fe : e.errors()) {
        errors.add(Map.of("field", fe.field(), "message", fe.message()));
      }
      body.put("errors", errors);
    }
    return body;
  }
}
