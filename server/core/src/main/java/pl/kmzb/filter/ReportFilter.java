package pl.kmzb.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;

/**
 * The one filter model of every output (tiles, WMS, WFS, APIs). Empty sets and null bounds mean
 * "no restriction". Soft-deleted reports never match.
 *
 * @param from inclusive lower bound of reported_at
 * @param to exclusive upper bound of reported_at
 * @param areas TERYT codes of 2 (voivodeship), 4 (county) or 7 (municipality) digits; a report
 *     matches if it lies in any of them
 * @param hiddenUnlessConfirmed categories that match only in a confirmed status (public view)
 */
public record ReportFilter(
    Set<String> categories,
    Set<Status> statuses,
    Set<Source> sources,
    Instant from,
    Instant to,
    Set<String> areas,
    Envelope bbox,
    Visibility visibility,
    Set<String> hiddenUnlessConfirmed) {

  /** Everything the police may see (every status, not deleted). */
  public static final ReportFilter ALL_INTERNAL = new ReportFilter(Set.of(), Set.of(), Set.of(), null, null,
      Set.of(), null, Visibility.INTERNAL, Set.of());

  public ReportFilter {
    categories = Set.copyOf(categories);
    statuses = Set.copyOf(statuses);
    sources = Set.copyOf(sources);
    areas = Set.copyOf(areas);
    hiddenUnlessConfirmed = Set.copyOf(hiddenUnlessConfirmed);
    Objects.requireNonNull(visibility, "visibility");
    if (visibility == Visibility.PUBLIC) {
      // What the public may ask is decided by VisibilityPolicy; these are its invariants.
      if (statuses.isEmpty()) {
        statuses = Status.PUBLIC;
      } else if (!Status.PUBLIC.containsAll(statuses)) {
        throw new IllegalArgumentException("public filters may only ask for public statuses");
      }
      if (!sources.isEmpty()) {
        throw new IllegalArgumentException("public filters cannot ask for a source: the public does not see it");
      }
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  public ReportFilter withBbox(Envelope box) {
    return new ReportFilter(categories, statuses, sources, from, to, areas, box, visibility, hiddenUnlessConfirmed);
  }

  public ReportFilter withStatuses(Set<Status> s) {
    return new ReportFilter(categories, s, sources, from, to, areas, bbox, visibility, hiddenUnlessConfirmed);
  }

  /** True if the filter has an area or bbox part. */
  public boolean isSpatial() {
    return !areas.isEmpty() || bbox != null;
  }

  /**
   * The same predicate the stores evaluate in SQL, on the stored (exact) data: for in-memory
   * indexes and as the tests' oracle.
   *
   * @throws IllegalStateException for a public spatial filter, which must be judged at the public
   *     position ({@code VisibilityPolicy.matches}), never at the true spot
   */
  public boolean test(Report r) {
    if (visibility == Visibility.PUBLIC && isSpatial()) {
      throw new IllegalStateException("a public area or bbox filter is answered at the public position;"
          + " use VisibilityPolicy.matches");
    }
    return testAt(r, r.teryt(), r.location());
  }

  /** The predicate with the areas and position given: the public ones for public outputs. */
  public boolean testAt(Report r, Teryt areasAt, LonLat at) {
    return !r.deleted()
        && (categories.isEmpty() || categories.contains(r.category()))
        && (statuses.isEmpty() || statuses.contains(r.status()))
        && (sources.isEmpty() || sources.contains(r.source()))
        && (from == null || !r.reportedAt().isBefore(from))
        && (to == null || r.reportedAt().isBefore(to))
        && (areas.isEmpty() || areas.stream().anyMatch(areasAt::within))
        && (bbox == null || bbox.contains(at))
        && (!hiddenUnlessConfirmed.contains(r.category()) || r.status().isConfirmed());
  }

  /**
   * The same selection as an {@link Expr}, so vendor parameters and CQL2/FES filters combine into one
   * filter ({@code Expr.and(filter.toExpr(), cql)}). Deleted reports are left out by every view, so
   * the expression does not say it. Judged in the public view, the area and bbox parts are answered
   * at the public position, as {@link pl.kmzb.visibility.VisibilityPolicy#matches} does.
   */
  public Expr toExpr() {
    List<Expr> parts = new ArrayList<>();
    parts.add(in("category", categories));
    parts.add(in("status", statuses.stream().map(Status::code).collect(Collectors.toSet())));
    parts.add(in("source", sources.stream().map(Source::code).collect(Collectors.toSet())));
    if (from != null) {
      parts.add(new Expr.Compare(Expr.CompareOp.GE, "reportedAt", from));
    }
    if (to != null) {
      parts.add(new Expr.Compare(Expr.CompareOp.LT, "reportedAt", to));
    }
    if (!areas.isEmpty()) {
      List<Expr> any = new ArrayList<>();
      for (String a : new TreeSet<>(areas)) {
        String property = switch (a.length()) {
          case 2 -> "voivodeship";
          case 4 -> "county";
          default -> "municipality";
        };
        any.add(new Expr.Compare(Expr.CompareOp.EQ, property, a));
      }
      parts.add(Expr.or(any));
    }
    if (bbox != null) {
      parts.add(new Expr.Spatial(Expr.SpatialOp.BBOX, ExprPredicate.GEOMETRY.toGeometry(
          new org.locationtech.jts.geom.Envelope(bbox.minLon(), bbox.maxLon(), bbox.minLat(), bbox.maxLat()))));
    }
    if (!hiddenUnlessConfirmed.isEmpty()) {
      parts.add(Expr.not(Expr.and(in("category", hiddenUnlessConfirmed),
          Expr.not(in("status", Status.CONFIRMED_ANY.stream().map(Status::code).collect(Collectors.toSet()))))));
    }
    return Expr.and(parts);
  }

  private static Expr in(String property, Set<String> values) {
    return values.isEmpty() ? Expr.INCLUDE : new Expr.In(property, List.<Object>copyOf(new TreeSet<>(values)));
  }

  /**
   * A canonical text form: equal filters give equal keys whatever the order of their values, so
   * caches can key on it.
   */
  public String cacheKey() {
    StringBuilder sb = new StringBuilder(visibility.name());
    append(sb, "c", new TreeSet<>(categories));
    append(sb, "s", new TreeSet<>(statuses));
    append(sb, "o", new TreeSet<>(sources));
    append(sb, "a", new TreeSet<>(areas));
    append(sb, "h", new TreeSet<>(hiddenUnlessConfirmed));
    if (from != null) {
      sb.append(";f=").append(from);
    }
    if (to != null) {
      sb.append(";t=").append(to);
    }
    if (bbox != null) {
      sb.append(";b=").append(bbox.minLon()).append(',').append(bbox.minLat()).append(',')
          .append(bbox.maxLon()).append(',').append(bbox.maxLat());
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String key, Set<?> values) {
    if (!values.isEmpty()) {
      sb.append(';').append(key).append('=').append(values);
    }
  }
}
