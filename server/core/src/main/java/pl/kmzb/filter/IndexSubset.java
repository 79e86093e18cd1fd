package pl.kmzb.filter;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Status;

/**
 * The part of the filter language the cluster index answers: an AND of
 *
 * <ul>
 *   <li>{@code category} or {@code group} equal to, or IN, codes;
 *   <li>{@code status} equal to, or IN, codes;
 *   <li>comparisons, BETWEEN and temporal operators on {@code reportedAt};
 *   <li>one test of areas: {@code voivodeship}, {@code county} or {@code municipality} equal to a
 *       code, IN codes, or an OR of such tests;
 *   <li>BBOX, or S_INTERSECTS with an axis-aligned rectangle.
 * </ul>
 *
 * {@link #narrow} folds such an expression into a {@link ReportFilter} (which the index compiles to
 * its bit masks); anything else is refused with {@link NotIndexableException} naming the part, and
 * the caller (WMS) answers from the store instead.
 */
public final class IndexSubset {
  private IndexSubset() {}

  /** Raised for an expression the index cannot answer; the message names the part. */
  public static final class NotIndexableException extends RuntimeException {
    public NotIndexableException(String message) {
      super(message);
    }
  }

  /**
   * {@code base} narrowed by {@code expr} (checked, for the public view).
   *
   * @param groupOf category code to group code (from the catalogue)
   * @throws NotIndexableException if the expression has a part outside the subset, or selects
   *     nothing a {@link ReportFilter} can express (an empty set of categories)
   */
  public static ReportFilter narrow(ReportFilter base, Expr expr, Map<String, String> groupOf) {
    Narrowing n = new Narrowing(base);
    n.add(expr, groupOf);
    return n.result();
  }

  private static final class Narrowing {
    private final ReportFilter base;
    private Set<String> categories;
    private Set<Status> statuses;
    private Instant from;
    private Instant to;
    private Set<String> areas;
    private Envelope bbox;

    Narrowing(ReportFilter base) {
      this.base = base;
      this.categories = base.categories().isEmpty() ? null : new HashSet<>(base.categories());
      this.statuses = base.statuses().isEmpty() ? null : new HashSet<>(base.statuses());
      this.from = base.from();
      this.to = base.to();
      this.areas = base.areas().isEmpty() ? null : new HashSet<>(base.areas());
      this.bbox = base.bbox();
    }

    void add(Expr e, Map<String, String> groupOf) {
      if (e instanceof Expr.Include) {
        return;
      } else if (e instanceof Expr.Exclude) {
        throw new NotIndexableException("the filter selects nothing");
      } else if (e instanceof Expr.And a) {
        a.parts().forEach(p -> add(p, groupOf));
      } else if (e instanceof Expr.Temporal t && t.property().equals("reportedAt")) {
        add(t.asComparisons(), groupOf);
      } else if (e instanceof Expr.Between b && b.property().equals("reportedAt")) {
        from = later(from, (Instant) b.lower());
        to = earlier(to, ((Instant) b.upper()).plusNanos(1));
      } else if (e instanceof Expr.Compare c && c.property().equals("reportedAt") && c.op() != Expr.CompareOp.NE) {
        Instant v = (Instant) c.literal();
        switch (c.op()) {
          case GE -> from = later(from, v);
          case GT -> from = later(from, v.plusNanos(1));
          case LT -> to = earlier(to, v);
          case LE -> to = earlier(to, v.plusNanos(1));
          default -> {
            from = later(from, v);
            to = earlier(to, v.plusNanos(1));
          }
        }
      } else if (codes(e, "category") != null) {
        categories = intersect(categories, codes(e, "category"));
      } else if (codes(e, "group") != null) {
        Set<String> groups = codes(e, "group");
        categories = intersect(categories, groupOf.entrySet().stream().filter(g -> groups.contains(g.getValue()))
            .map(Map.Entry::getKey).collect(Collectors.toSet()));
      } else if (codes(e, "status") != null) {
        Set<Status> asked = new HashSet<>();
        for (String code : codes(e, "status")) {
          for (Status s : Status.values()) {
            if (s.code().equals(code)) {
              asked.add(s);
            }
          }
        }
        statuses = intersect(statuses, asked);
      } else if (areaCodes(e) != null) {
        if (areas != null && !areas.equals(areaCodes(e))) {
          throw new NotIndexableException("the tile index answers one area test per filter");
        }
        areas = areaCodes(e);
      } else if (e instanceof Expr.Spatial s && (s.op() == Expr.SpatialOp.BBOX
          || s.op() == Expr.SpatialOp.INTERSECTS && s.lonLat().isRectangle())) {
        org.locationtech.jts.geom.Envelope env = s.lonLat().getEnvelopeInternal();
        Envelope box = new Envelope(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY());
        bbox = bbox == null ? box : intersect(bbox, box);
      } else {
        throw new NotIndexableException("the tile index answers category, group, status, reportedAt, area and bbox"
            + " tests joined by AND; " + describe(e) + " is not among them");
      }
    }

    ReportFilter result() {
      if (categories != null && categories.isEmpty() || statuses != null && statuses.isEmpty()
          || from != null && to != null && !from.isBefore(to)) {
        throw new NotIndexableException("the filter selects nothing");
      }
      Set<Status> s = statuses == null ? Set.of() : statuses;
      if (base.visibility() == Visibility.PUBLIC) {
        s = s.isEmpty() ? Status.PUBLIC : s.stream().filter(Status::isPublic).collect(Collectors.toSet());
        if (s.isEmpty()) {
          throw new NotIndexableException("the filter selects nothing");
        }
      }
      return new ReportFilter(categories == null ? Set.of() : categories, s, base.sources(), from, to,
          areas == null ? Set.of() : areas, bbox, base.visibility(), base.hiddenUnlessConfirmed());
    }

    private static <T> Set<T> intersect(Set<T> have, Set<T> more) {
      if (have == null) {
        return new HashSet<>(more);
      }
      have.retainAll(more);
      return have;
    }

    private static Envelope intersect(Envelope a, Envelope b) {
      double minLon = Math.max(a.minLon(), b.minLon());
      double minLat = Math.max(a.minLat(), b.minLat());
      double maxLon = Math.min(a.maxLon(), b.maxLon());
      double maxLat = Math.min(a.maxLat(), b.maxLat());
      if (minLon > maxLon || minLat > maxLat) {
        throw new NotIndexableException("the filter selects nothing (its boxes do not meet)");
      }
      return new Envelope(minLon, minLat, maxLon, maxLat);
    }

    private static Instant later(Instant a, Instant b) {
      return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
      return a == null || b.isBefore(a) ? b : a;
    }
  }

  /** The codes of {@code property = code} or {@code property IN (codes)}, else null. */
  private static Set<String> codes(Expr e, String property) {
    if (e instanceof Expr.Compare c && c.property().equals(property) && c.op() == Expr.CompareOp.EQ) {
      return Set.of((String) c.literal());
    } else if (e instanceof Expr.In in && in.property().equals(property)) {
      return in.values().stream().map(v -> (String) v).collect(Collectors.toSet());
    }
    return null;
  }

  private static final Map<String, Integer> AREA_LENGTH = Map.of("voivodeship", 2, "county", 4, "municipality", 7);

  /** The TERYT codes of an area test, or null if {@code e} is none. */
  private static Set<String> areaCodes(Expr e) {
    List<Expr> parts = e instanceof Expr.Or o ? o.parts() : List.of(e);
    Set<String> out = new LinkedHashSet<>();
    for (Expr p : parts) {
      Set<String> codes = null;
      for (Map.Entry<String, Integer> a : AREA_LENGTH.entrySet()) {
        Set<String> c = codes(p, a.getKey());
        if (c != null) {
          // A code of another length would never equal the column; ReportFilter tells levels by length.
          Function<String, Boolean> fits = v -> v.length() == a.getValue() && v.chars().allMatch(Character::isDigit);
          codes = c.stream().filter(fits::apply).collect(Collectors.toSet());
          if (codes.size() != c.size()) {
            throw new NotIndexableException("'" + a.getKey() + "' is compared with a value that is no TERYT code of its level");
          }
        }
      }
      if (codes == null) {
        return null;
      }
      out.addAll(codes);
    }
    return out;
  }

  private static String describe(Expr e) {
    String s = e.toString();
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
