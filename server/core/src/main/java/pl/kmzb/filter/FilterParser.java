package pl.kmzb.filter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;

/**
 * Turns query parameters into a {@link ReportFilter}. Shared by every service so a filter means the
 * same everywhere. Values may be repeated or comma-separated: {@code status=new,verification}.
 *
 * <ul>
 *   <li>{@code category}, {@code status}, {@code source}: codes
 *   <li>{@code from} (inclusive), {@code to} (exclusive): ISO-8601 instants; a date alone is midnight
 *       and a date-time without offset is local time, both in Europe/Warsaw
 *   <li>{@code area}: TERYT codes of 2, 4 or 7 digits
 *   <li>{@code bbox}: minLon,minLat,maxLon,maxLat in EPSG:4326
 * </ul>
 */
public final class FilterParser {
  public static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  /** The parameter names this parser owns; services reject names that neither they nor it know. */
  public static final Set<String> PARAMETERS = Set.of("category", "status", "source", "from", "to", "area", "bbox");
  private static final Pattern TERYT = Pattern.compile("\\d{2}|\\d{4}|\\d{6}[1-5]");

  private final CategoryCatalog catalog;

  public FilterParser(CategoryCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The filter as asked, for police callers ({@link Visibility#INTERNAL}). Anonymous callers' filters
   * are made by {@code VisibilityPolicy.parse}, which uses this for the syntax and then decides what
   * the public may ask.
   */
  public ReportFilter parse(Map<String, List<String>> params) {
    Set<String> categories = values(params, "category", this::category);
    Set<Status> statuses = values(params, "status", Status::ofCode);
    Set<Source> sources = values(params, "source", Source::ofCode);
    Instant from = instant(params, "from");
    Instant to = instant(params, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new FilterException("to", "'to' (" + to + ") must be after 'from' (" + from + ")");
    }
    Set<String> areas = values(params, "area", FilterParser::area);
    Envelope bbox = bbox(params);
    return new ReportFilter(categories, statuses, sources, from, to, areas, bbox, Visibility.INTERNAL, Set.of());
  }

  private String category(String code) {
    if (catalog.find(code).isEmpty()) {
      throw new IllegalArgumentException("unknown category '" + code + "'");
    }
    return code;
  }

  private static String area(String code) {
    if (!TERYT.matcher(code).matches()) {
      throw new IllegalArgumentException("'" + code + "' is not a TERYT code of 2, 4 or 7 digits");
    }
    return code;
  }

  private static <T> Set<T> values(Map<String, List<String>> params, String name, Function<String, T> parse) {
    Set<T> out = new LinkedHashSet<>();
    for (String raw : params.getOrDefault(name, List.of())) {
      for (String part : raw.split(",", -1)) {
        String v = part.strip();
        if (v.isEmpty()) {
          throw new FilterException(name, "empty value in '" + name + "'");
        }
        try {
          out.add(parse.apply(v));
        } catch (IllegalArgumentException e) {
          throw new FilterException(name, e.getMessage());
        }
      }
    }
    return out;
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> v = params.getOrDefault(name, List.of());
    if (v.size() > 1) {
      throw new FilterException(name, "'" + name + "' may be given only once");
    }
    return v.isEmpty() ? null : v.get(0).strip();
  }

  static Instant instant(Map<String, List<String>> params, String name) {
    String v = single(params, name);
    if (v == null) {
      return null;
    }
    try {
      return parseInstant(v);
    } catch (DateTimeException e) {
      throw new FilterException(name, "'" + name + "' must be an ISO-8601 date or date-time, got '" + v + "'");
    }
  }

  /** ISO-8601 date, local date-time (both Europe/Warsaw) or date-time with offset. */
  public static Instant parseInstant(String v) {
    Instant utc = parseUtcSeconds(v);
    if (utc != null) {
      return utc;
    }
    if (v.length() == 10) {
      return LocalDate.parse(v).atStartOfDay(WARSAW).toInstant();
    }
    if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:?\\d{2}$")) {
      return OffsetDateTime.parse(v).toInstant();
    }
    return LocalDateTime.parse(v).atZone(WARSAW).toInstant();
  }

  /**
   * The common shape of exported timestamps, "2016-10-05T00:01:52Z", without the general parser
   * (a tenth of its cost, which shows on a million-row import); null for any other shape. The
   * fields go through the same range checks, so what this accepts the general parser accepts alike.
   */
  private static Instant parseUtcSeconds(String v) {
    if (v.length() != 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
        || v.charAt(16) != ':' || v.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 2);
    int day = digits(v, 8, 2);
    int hour = digits(v, 11, 2);
    int minute = digits(v, 14, 2);
    int second = digits(v, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  /** The decimal number in {@code v[from, from + n)}, or -1 if any of it is not an ASCII digit. */
  private static int digits(String v, int from, int n) {
    int out = 0;
    for (int i = from; i < from + n; i++) {
      char ch = v.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      out = out * 10 + (ch - '0');
    }
    return out;
  }

  private static Envelope bbox(Map<String, List<String>> params) {
    String v = single(params, "bbox");
    if (v == null) {
      return null;
    }
    String[] parts = v.split(",", -1);
    if (parts.length != 4) {
      throw new FilterException("bbox", "bbox must be minLon,minLat,maxLon,maxLat; got " + parts.length + " values");
    }
    List<Double> n = new ArrayList<>(4);
    for (String p : parts) {
      try {
        double d = Double.parseDouble(p.strip());
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        n.add(d);
      } catch (NumberFormatException e) {
        throw new FilterException("bbox", "bbox value '" + p + "' is not a number");
      }
    }
    try {
      return new Envelope(n.get(0), n.get(1), n.get(2), n.get(3));
    } catch (IllegalArgumentException e) {
      throw new FilterException("bbox", e.getMessage());
    }
  }
}
