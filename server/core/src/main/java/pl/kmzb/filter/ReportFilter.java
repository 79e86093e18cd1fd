package pl.kmzb.filter;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;

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
      if (statuses.isEmpty()) {
        statuses = Status.PUBLIC;
      } else if (!Status.PUBLIC.containsAll(statuses)) {
        throw new IllegalArgumentException("public filters may only ask for public statuses");
      }
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** The public map's default: every public report. */
  public static ReportFilter publicDefault(Set<String> hiddenUnlessConfirmed) {
    return new ReportFilter(Set.of(), Set.of(), Set.of(), null, null, Set.of(), null, Visibility.PUBLIC,
        hiddenUnlessConfirmed);
  }

  public ReportFilter withBbox(Envelope box) {
    return new ReportFilter(categories, statuses, sources, from, to, areas, box, visibility, hiddenUnlessConfirmed);
  }

  public ReportFilter withStatuses(Set<Status> s) {
    return new ReportFilter(categories, s, sources, from, to, areas, bbox, visibility, hiddenUnlessConfirmed);
  }

  /** The same predicate the stores evaluate in SQL, for in-memory indexes and for tests. */
  public boolean test(Report r) {
    return !r.deleted()
        && (categories.isEmpty() || categories.contains(r.category()))
        && (statuses.isEmpty() || statuses.contains(r.status()))
        && (sources.isEmpty() || sources.contains(r.source()))
        && (from == null || !r.reportedAt().isBefore(from))
        && (to == null || r.reportedAt().isBefore(to))
        && (areas.isEmpty() || areas.stream().anyMatch(r.teryt()::within))
        && (bbox == null || bbox.contains(r.location()))
        && (!hiddenUnlessConfirmed.contains(r.category()) || r.status().isConfirmed());
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
