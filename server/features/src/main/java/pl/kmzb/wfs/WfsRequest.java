package pl.kmzb.wfs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WFS request as key-value pairs, names upper-cased (KVP names are case-insensitive). XML POST
 * requests are read into the same form ({@link XmlRequestReader}), so each operation is parsed
 * once, whichever encoding it came in.
 */
record WfsRequest(Map<String, String> params) {
  WfsRequest {
    params = Map.copyOf(params);
  }

  /** From query parameters: names upper-cased, a name given twice is an error. */
  static WfsRequest ofKvp(Map<String, List<String>> query) {
    Map<String, String> p = new LinkedHashMap<>();
    query.forEach((k, v) -> {
      String key = k.toUpperCase(Locale.ROOT);
      if (v.size() > 1 || p.containsKey(key)) {
        throw WfsException.invalid(key, "the parameter " + key + " is given more than once");
      }
      p.put(key, v.isEmpty() ? "" : v.get(0));
    });
    return new WfsRequest(p);
  }

  String get(String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  String require(String name) {
    String v = get(name);
    if (v == null) {
      throw WfsException.missing(name);
    }
    return v;
  }

  /** A non-negative whole number parameter, or {@code dflt}. */
  long number(String name, long dflt) {
    String v = get(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw WfsException.invalid(name, name + " must be a non-negative whole number, got '" + v + "'");
    }
  }
}
