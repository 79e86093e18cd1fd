package pl.kmzb.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.http.ApiException;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.MvtLayerWriter;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.VectorLayer;

/**
 * The {@code police-threats} tileset for the officer console: the clusters of {@code threats} over
 * the police index ({@link PolicePoints}: every status, exact positions), single reports also with
 * their source and whether they are past the 72-hour take-up deadline. Filters are those of
 * {@code GET /api/reports} ({@link FilterParser}, with {@code mine=true} for the caller's areas).
 *
 * <p>Police callers only ({@link #requiresCredentials}). Every police role sees the same reports
 * here, as in the police view of {@code GET /api/reports/{id}} for reports that are not deleted;
 * the variant key still starts with the caller's role, so the shared tile cache never hands a tile
 * drawn for one role to another, and {@code mine} is resolved to the caller's areas before it
 * becomes part of the key.
 */
public final class PoliceTileLayer implements TileLayer {
  public static final String ID = "police-threats";
  private static final Set<String> OWN_PARAMETERS = Set.of("mine");
  private static final int ALL_STATUSES = IndexFilter.statusMask(Set.of(Status.values()));

  private final ClusterIndex index;
  private final IndexPoints points;
  private final FilterParser parser;
  private final ClusterTags tags;

  public PoliceTileLayer(ClusterIndex index, PolicePoints points, FilterParser parser) {
    this.index = index;
    this.points = points;
    this.parser = parser;
    this.tags = new ClusterTags(points.categoryOrder());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Police view of KMZB threat reports (every status, exact positions), clustered up to zoom "
        + index.settings().clusterMaxZoom();
  }

  @Override
  public int minZoom() {
    return 0;
  }

  @Override
  public int maxZoom() {
    return index.settings().maxZoom();
  }

  @Override
  public List<VectorLayer> vectorLayers() {
    Map<String, String> fields = new LinkedHashMap<>(tags.fields(List.of(Status.values())));
    fields.put("source", "Source code (single report)");
    fields.put("pastDeadline", "true when the report has been in status new for more than 72 hours (single report)");
    return List.of(new VectorLayer(ID, description(), 0, maxZoom(), fields));
  }

  /** Police data is never kept by a browser or a shared cache (a workstation used by a shift). */
  @Override
  public String cacheControl() {
    return "private, no-store";
  }

  @Override
  public boolean requiresCredentials() {
    return true;
  }

  /** Never answered without a caller: {@link pl.kmzb.tiles.TileEndpoints} asks {@link #variant(Map, Actor)}. */
  @Override
  public Variant variant(Map<String, List<String>> query) {
    throw new IllegalStateException("the police tileset needs the authenticated caller");
  }

  @Override
  public Variant variant(Map<String, List<String>> query, Actor caller) {
    for (String name : query.keySet()) {
      if (!FilterParser.PARAMETERS.contains(name) && !OWN_PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; the police tiles take "
            + new TreeSet<>(Stream.concat(FilterParser.PARAMETERS.stream(), OWN_PARAMETERS.stream()).toList()));
      }
    }
    ReportFilter filter = mine(parser.parse(query), caller, flag(query, "mine"));
    IndexFilter compiled = IndexFilter.compile(filter, points.categoryOrder(), points.matrixSet(), points.statuses());
    return new Variant("role=" + caller.role().name() + ";" + compiled.key(ALL_STATUSES), compiled);
  }

  /**
   * Only a filter that keeps something out of the index: the unfiltered police map (whose key
   * names the role) is neither budgeted nor cached with the filtered tiles.
   */
  @Override
  public boolean isFiltered(Variant variant) {
    return !((IndexFilter) variant.value()).isDefault();
  }

  /** The filter narrowed to the caller's areas for {@code mine=true}, as {@code GET /api/reports} does. */
  private static ReportFilter mine(ReportFilter f, Actor caller, boolean mine) {
    if (!mine || caller.role() == Role.ADMINISTRATOR) {
      return f;
    }
    Set<String> areas = caller.areasWithin(f.areas());
    if (areas.isEmpty()) {
      throw new FilterException("area", "none of the requested areas lies in your area");
    }
    return new ReportFilter(f.categories(), f.statuses(), f.sources(), f.from(), f.to(), areas, f.bbox(),
        f.visibility(), f.hiddenUnlessConfirmed());
  }

  private static boolean flag(Map<String, List<String>> q, String name) {
    List<String> v = q.getOrDefault(name, List.of());
    if (v.isEmpty()) {
      return false;
    }
    if (v.size() > 1 || !(v.get(0).equals("true") || v.get(0).equals("false"))) {
      throw ApiException.badRequest(name, "'" + name + "' must be true or false");
    }
    return v.get(0).equals("true");
  }

  @Override
  public Rendered render(TileCoord tile, Variant variant) {
    if (!index.isLoaded()) {
      throw new ApiException(503, "Service Unavailable", "the police index is still loading; see /health");
    }
    TileClusters clusters = index.tile(tile, (IndexFilter) variant.value());
    MvtLayerWriter out = new MvtLayerWriter(ID);
    Source[] sources = Source.values();
    for (ClusterFeature f : clusters.features()) {
      MvtLayerWriter.Feature feature = tags.feature(out, f);
      if (!f.isCluster()) {
        if (f.source() >= 0) {
          feature.tag("source", sources[f.source()].code());
        }
        feature.tag("pastDeadline", pastDeadline(f, clusters.deadlinesAt()));
      }
      feature.add();
    }
    return new Rendered(MvtLayerWriter.encode(List.of(out)), clusters.version());
  }

  /**
   * Judged at the time the index last stamped passing deadlines, not the wall clock: a tile then
   * says exactly what its version says, and a cached one is stale once a report in it passes.
   */
  static boolean pastDeadline(ClusterFeature f, long deadlinesAt) {
    return f.status() == Status.NEW.ordinal() && ClusterIndex.deadlineOf(f.time()) < deadlinesAt;
  }

  @Override
  public long stamp(TileCoord tile) {
    return index.stamp(tile);
  }
}
