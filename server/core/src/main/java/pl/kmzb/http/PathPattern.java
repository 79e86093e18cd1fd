package pl.kmzb.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A path such as {@code /tiles/{layer}/{z}/{x}/{y}.mvt}: literal segments, and {@code {name}}
 * placeholders that match one segment (optionally followed by a literal suffix such as ".mvt").
 */
record PathPattern(String pattern, List<String> literals, List<String> names, List<String> suffixes) {
  static PathPattern parse(String pattern) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("path pattern must start with '/': " + pattern);
    }
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    for (String seg : pattern.substring(1).split("/", -1)) {
      if (seg.startsWith("{")) {
        int close = seg.indexOf('}');
        if (close < 2) {
          throw new IllegalArgumentException("bad placeholder in " + pattern);
        }
        literals.add(null);
        names.add(seg.substring(1, close));
        suffixes.add(seg.substring(close + 1));
      } else {
        literals.add(seg);
        names.add(null);
        suffixes.add(null);
      }
    }
    return new PathPattern(pattern, List.copyOf(literals), java.util.Collections.unmodifiableList(names),
        java.util.Collections.unmodifiableList(suffixes));
  }

  /** The placeholder values if {@code path} matches, else null. */
  Map<String, String> match(String path) {
    if (!path.startsWith("/")) {
      return null;
    }
    String[] segs = path.substring(1).split("/", -1);
    if (segs.length != literals.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < segs.length; i++) {
      String lit = literals.get(i);
      if (lit != null) {
        if (!lit.equals(segs[i])) {
          return null;
        }
        continue;
      }
      String suffix = suffixes.get(i);
      if (!segs[i].endsWith(suffix) || segs[i].length() == suffix.length()) {
        return null;
      }
      params.put(names.get(i), segs[i].substring(0, segs[i].length() - suffix.length()));
    }
    return params;
  }
}
