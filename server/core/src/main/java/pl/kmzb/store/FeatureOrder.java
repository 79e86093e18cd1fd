package pl.kmzb.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import pl.kmzb.report.Report;

/**
 * The order of a feature stream: sort keys, then the id as the tiebreak, so the order is total and
 * a page boundary is one row's position ({@link Position}). Keyset paging continues after that
 * position whatever the order; it never counts rows off from the start.
 *
 * @param keys the sort keys before the id (never the id itself)
 * @param idDescending the direction of the id: the tiebreak, or the only key of an id order
 */
public record FeatureOrder(List<Key> keys, boolean idDescending) {
  /** Properties a stream sorts by (both stores index each with the id after it). */
  public static final List<String> SORTABLE = List.of("id", "reportedAt", "category", "status");
  /** Ascending ids: the default order. */
  public static final FeatureOrder BY_ID = new FeatureOrder(List.of(), false);

  /** One sort key. */
  public record Key(String property, boolean descending) {
    public Key {
      if (!SORTABLE.contains(property) || property.equals("id")) {
        throw new IllegalArgumentException("not a sort key: " + property);
      }
    }
  }

  public FeatureOrder {
    keys = List.copyOf(keys);
  }

  /**
   * The order of sort keys as a client lists them (property, descending). A key after the id
   * changes nothing (ids are unique) and is dropped; without an id key the tiebreak follows the
   * last key's direction, so a one-key order is one direction and one index scan.
   */
  public static FeatureOrder of(List<Key> keys, Boolean idDescending) {
    boolean last = keys.isEmpty() ? false : keys.get(keys.size() - 1).descending();
    return new FeatureOrder(keys, idDescending != null ? idDescending : last);
  }

  /** Whether this is the plain id order of the unsorted streams. */
  public boolean byId() {
    return keys.isEmpty();
  }

  /** Canonical text, for caches and rank tables. */
  public String key() {
    StringBuilder sb = new StringBuilder();
    keys.forEach(k -> sb.append(k.property).append(k.descending ? " D," : " A,"));
    return sb.append(idDescending ? "id D" : "id A").toString();
  }

  /** Whether every key and the id run in one direction (one row comparison bounds an index scan). */
  boolean uniform() {
    return keys.stream().allMatch(k -> k.descending == idDescending);
  }

  /** The key values of a row in this order. */
  Position positionOf(Report r) {
    Object[] values = new Object[keys.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (keys.get(i).property) {
        case "reportedAt" -> r.reportedAt();
        case "category" -> r.category();
        default -> r.status().code();
      };
    }
    return new Position(List.of(values), r.id());
  }

  /** The column a key sorts by. */
  static String column(String property) {
    return switch (property) {
      case "reportedAt" -> "reported_at";
      case "category" -> "category";
      case "status" -> "status";
      default -> "id";
    };
  }

  /** Where a stream stands: the key values of the last row handed and its id. */
  public record Position(List<Object> values, long id) {
    /** Past the last row of any order: a stream from it is empty. */
    public static final Position END = new Position(List.of(), Long.MAX_VALUE);

    public Position {
      values = List.copyOf(values);
    }

    /** Whether this is {@link #END}. */
    public boolean isEnd() {
      return values.isEmpty() && id == Long.MAX_VALUE;
    }

    /** The position after the row with this id in the id order. */
    public static Position afterId(long id) {
      return new Position(List.of(), id);
    }

    /**
     * The position as a link parameter: the id alone in the id order, else the key values and the
     * id, each URL-encoded and joined by commas.
     */
    public String token() {
      if (values.isEmpty()) {
        return Long.toString(id);
      }
      StringBuilder sb = new StringBuilder();
      for (Object v : values) {
        sb.append(URLEncoder.encode(v.toString(), StandardCharsets.UTF_8)).append(',');
      }
      return sb.append(id).toString();
    }
  }

  /**
   * The position a link's token names in this order.
   *
   * @throws IllegalArgumentException when the token is not one of this order's positions
   */
  public Position parse(String token) {
    String[] parts = Objects.requireNonNull(token, "token").split(",", -1);
    if (parts.length != keys.size() + 1) {
      throw new IllegalArgumentException("the position '" + token + "' does not belong to the order " + key());
    }
    List<Object> values = new ArrayList<>();
    try {
      for (int i = 0; i < keys.size(); i++) {
        String v = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        values.add(keys.get(i).property.equals("reportedAt") ? Instant.parse(v) : v);
      }
      return new Position(values, Long.parseLong(parts[keys.size()]));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("the position '" + token + "' is malformed");
    }
  }
}
