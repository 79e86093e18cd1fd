package pl.kmzb.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A path such as {@code /tiles/{layer}/{z}/{x}/{y}.mvt}: literal segments, and {@code {name}}
 * placeholders that match one non-empty segment, optionally followed by a literal suffix (".mvt").
 */
record PathPattern(String pattern, List<Segment> segments) {
  /** A literal segment (name null), or a placeholder with the suffix that must follow it. */
  record Segment(String literal, String name, String suffix) {}

  static PathPattern parse(String pattern) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("path pattern must start with '/': " + pattern);
    }
    List<Segment> segments = new ArrayList<>();
    for (String seg : pattern.substring(1).split("/", -1)) {
      if (seg.startsWith("{")) {
        int close = seg.indexOf('}');
        if (close < 2) {
          throw new IllegalArgumentException("bad placeholder in " + pattern);
        }
        segments.add(new Segment(null, seg.substring(1, close), seg.substring(close + 1)));
      } else {
        segments.add(new Segment(seg, null, null));
      }
    }
    return new PathPattern(pattern, List.copyOf(segments));
  }

  /** The placeholder values if {@code path} matches, else null. */
  Map<String, String> match(String path) {
    String[] parts = split(path);
    return parts == null ? null : match(parts);
  }

  /** The segments of a request path (null if it is not absolute), split once for all routes. */
  static String[] split(String path) {
    return path.startsWith("/") ? path.substring(1).split("/", -1) : null;
  }

  /** The placeholder values if the path split by {@link #split} matches, else null. */
  Map<String, String> match(String[] parts) {
    if (parts.length != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      Segment s = segments.get(i);
      if (s.name() == null) {
        if (!s.literal().equals(parts[i])) {
          return null;
        }
      } else if (parts[i].endsWith(s.suffix()) && parts[i].length() > s.suffix().length()) {
        params.put(s.name(), parts[i].substring(0, parts[i].length() - s.suffix().length()));
      } else {
        return null;
      }
    }
    return params;
  }
}
