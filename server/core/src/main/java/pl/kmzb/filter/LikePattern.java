package pl.kmzb.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A LIKE pattern split into literal text, "any run" and "one character", whatever characters its
 * language chose for them, and written out again for each engine: a Java regex (the in-memory
 * predicate), SQL LIKE with backslash escapes (PostgreSQL) and GLOB (SQLite, whose LIKE ignores ASCII
 * case). "One character" is one Unicode code point everywhere.
 */
public record LikePattern(List<Part> parts) {
  /** A piece of the pattern. */
  public sealed interface Part {}

  public record Text(String text) implements Part {}

  public record AnyRun() implements Part {}

  public record OneChar() implements Part {}

  public LikePattern {
    parts = List.copyOf(parts);
  }

  public static LikePattern parse(String pattern, char wildcard, char singleChar, char escape) {
    List<Part> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == escape) {
        if (i + 1 == pattern.length()) {
          throw new FilterException("pattern", "a LIKE pattern must not end with its escape character '" + escape + "'");
        }
        text.append(pattern.charAt(++i));
      } else if (c == wildcard || c == singleChar) {
        if (!text.isEmpty()) {
          out.add(new Text(text.toString()));
          text.setLength(0);
        }
        out.add(c == wildcard ? new AnyRun() : new OneChar());
      } else {
        text.append(c);
      }
    }
    if (!text.isEmpty()) {
      out.add(new Text(text.toString()));
    }
    return new LikePattern(out);
  }

  public static LikePattern of(Expr.Like like) {
    return parse(like.pattern(), like.wildcard(), like.singleChar(), like.escape());
  }

  /** The whole-string regex; case-insensitive matching folds Unicode case. */
  public Pattern regex(boolean caseInsensitive) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        sb.append(Pattern.quote(t.text()));
      } else {
        sb.append(p instanceof AnyRun ? ".*" : ".");
      }
    }
    int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(sb.toString(), flags);
  }

  /** SQL LIKE text for {@code ESCAPE '\'}. */
  public String sqlLike() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        for (int i = 0; i < t.text().length(); i++) {
          char c = t.text().charAt(i);
          if (c == '%' || c == '_' || c == '\\') {
            sb.append('\\');
          }
          sb.append(c);
        }
      } else {
        sb.append(p instanceof AnyRun ? '%' : '_');
      }
    }
    return sb.toString();
  }

  /** SQLite GLOB text (case-sensitive; special characters put in brackets). */
  public String glob() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        for (int i = 0; i < t.text().length(); i++) {
          char c = t.text().charAt(i);
          if (c == '*' || c == '?' || c == '[') {
            sb.append('[').append(c).append(']');
          } else {
            sb.append(c);
          }
        }
      } else {
        sb.append(p instanceof AnyRun ? '*' : '?');
      }
    }
    return sb.toString();
  }
}
