package pl.kmzb.features;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Links that repeat a request with some parameters changed (next and previous pages, other formats). */
final class Urls {
  private Urls() {}

  /**
   * {@code path} with the request's parameters, those in {@code replace} replaced (a null value
   * removes the parameter).
   */
  static String with(String path, Map<String, List<String>> params, Map<String, String> replace) {
    Map<String, List<String>> all = new LinkedHashMap<>(params);
    replace.forEach((k, v) -> {
      if (v == null) {
        all.remove(k);
      } else {
        all.put(k, List.of(v));
      }
    });
    StringBuilder sb = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, List<String>> e : all.entrySet()) {
      for (String v : e.getValue()) {
        sb.append(sep).append(encode(e.getKey())).append('=').append(encode(v));
        sep = '&';
      }
    }
    return sb.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
