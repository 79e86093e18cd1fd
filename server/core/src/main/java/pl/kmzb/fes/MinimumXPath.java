package pl.kmzb.fes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The minimum XPath subset of FES 2.0 (7.4.4) for simple features: a property name, optionally
 * with a namespace prefix, optionally after the feature type's step, each step optionally with the
 * index predicate {@code [1]} — {@code prop}, {@code kmzb:prop}, {@code kmzb:type/kmzb:prop},
 * {@code prop[1]}. Every property of these feature types occurs once, so {@code [1]} selects it and
 * any other index nothing, which is refused rather than silently answered empty.
 */
public final class MinimumXPath {
  private static final String NAME = "[A-Za-z_][A-Za-z0-9_.\\-]*";
  private static final Pattern STEP = Pattern.compile("(?:(" + NAME + "):)?(" + NAME + ")(?:\\[\\s*(\\d+)\\s*])?");

  private MinimumXPath() {}

  /**
   * A parsed reference.
   *
   * @param typePrefix the prefix of the feature-type step, or null ({@code type} null too when absent)
   * @param type the local name of the feature-type step, or null
   * @param prefix the property's prefix, or null
   * @param name the property's local name
   */
  public record Reference(String typePrefix, String type, String prefix, String name) {}

  /**
   * Parses a value reference.
   *
   * @throws IllegalArgumentException when it is not in the minimum subset or selects no occurrence
   */
  public static Reference parse(String path) {
    String p = path.strip();
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    String[] steps = p.split("/", -1);
    if (steps.length > 2 || p.isEmpty()) {
      throw new IllegalArgumentException("'" + path + "' is not a property of a simple feature: use prop,"
          + " prefix:prop or prefix:type/prefix:prop");
    }
    Matcher last = step(steps[steps.length - 1], path);
    Matcher type = steps.length == 2 ? step(steps[0], path) : null;
    return new Reference(type == null ? null : type.group(1), type == null ? null : type.group(2), last.group(1),
        last.group(2));
  }

  private static Matcher step(String s, String path) {
    Matcher m = STEP.matcher(s.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + path + "' is not in the minimum XPath subset (FES 2.0, 7.4.4)");
    }
    if (m.group(3) != null && !m.group(3).equals("1")) {
      throw new IllegalArgumentException("'" + path + "': every property occurs once, so only the index [1] selects"
          + " a value");
    }
    return m;
  }
}
