package pl.kmzb.wms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The KVP parameters of one request with case-insensitive names (WMS 1.3.0 §6.8.1: parameter names
 * are case-insensitive, values are not). A name sent twice in different cases counts as one name
 * sent twice.
 */
public final class WmsParams {
  /** Bounds what one request can make the server hold: a parameter value longer than this is refused. */
  static final int MAX_VALUE_LENGTH = 65_536;

  private final Map<String, List<String>> byName;

  private WmsParams(Map<String, List<String>> byName) {
    this.byName = byName;
  }

  public static WmsParams of(Map<String, List<String>> query) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      m.computeIfAbsent(e.getKey().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).addAll(e.getValue());
    }
    return new WmsParams(m);
  }

  /** The value of {@code name} (any case), if sent; blank values count as sent. */
  public Optional<String> get(String name) {
    List<String> v = byName.get(name.toUpperCase(Locale.ROOT));
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (v.size() > 1 && !v.stream().allMatch(v.get(0)::equals)) {
      throw WmsException.invalid(name, "the parameter " + name + " is given " + v.size() + " times with different values");
    }
    if (v.get(0).length() > MAX_VALUE_LENGTH) {
      throw WmsException.invalid(name, "the value of " + name + " is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    return Optional.of(v.get(0));
  }

  /** The value of {@code name}, or MissingParameterValue when it is absent or empty. */
  public String require(String name) {
    String v = get(name).map(String::strip).orElse("");
    if (v.isEmpty()) {
      throw WmsException.missing(name);
    }
    return v;
  }

  /** The non-blank value of {@code name}, or empty. */
  public Optional<String> text(String name) {
    return get(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  public boolean has(String name) {
    return byName.containsKey(name.toUpperCase(Locale.ROOT));
  }

  /** Every value of {@code name} in order (for vendor filters, which may repeat). */
  public List<String> all(String name) {
    return byName.getOrDefault(name.toUpperCase(Locale.ROOT), List.of());
  }

  /** An integer parameter, or InvalidParameterValue naming it. */
  public Optional<Integer> integer(String name) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.get()));
    } catch (NumberFormatException e) {
      throw WmsException.invalid(name, name + " must be a whole number, not '" + clip(v.get()) + "'");
    }
  }

  /** A boolean TRUE/FALSE parameter (any case), or the default when absent. */
  public boolean bool(String name, boolean absent) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return absent;
    }
    return switch (v.get().toUpperCase(Locale.ROOT)) {
      case "TRUE" -> true;
      case "FALSE" -> false;
      default -> throw WmsException.invalid(name, name + " must be TRUE or FALSE, not '" + clip(v.get()) + "'");
    };
  }

  /** A value cut short for messages, so an exception never echoes a huge parameter. */
  static String clip(String v) {
    return v.length() <= 80 ? v : v.substring(0, 77) + "...";
  }
}
