package pl.kmzb.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.encode.ReferenceFeature;
import pl.kmzb.encode.ReferenceSchema;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.Queryables.Property;
import pl.kmzb.filter.Queryables.Type;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.unit.PoliceUnit;

/**
 * The features of the reference collections, from what the server already holds: the boundary index
 * (outlines, shared, never copied), the police units (the server's one list, reloaded on import) and the cluster index's public counts per area (one pass over the index,
 * cached until the index changes — never a scan of the report table). Features come sorted by id.
 *
 * <p>Area counts are flat attributes so GML, CSV and QGIS users get columns: {@code reports} (every
 * public report of the area), {@code status_<code>} per public status and {@code category_<code>} per
 * category of the catalogue. They count reports in the area of their public position, as the map
 * shows them (generalised categories at their cell centre). An area with no boundary imported has
 * no feature: a feature needs its outline.
 */
public final class ReferenceSource {
  private static final TileCoord WHOLE_WORLD = new TileCoord(0, 0, 0);
  private static final GeometryFactory POINTS = new GeometryFactory(new PrecisionModel(), 4326);
  private static final List<Status> STATUSES = List.of(Status.values()).stream().filter(Status.PUBLIC::contains)
      .toList();

  private final Supplier<BoundaryIndex> boundaries;
  private final Supplier<List<PoliceUnit>> units;
  private final ClusterIndex index;
  private final List<String> categoryOrder;
  private final ReferenceSchema areaSchema;
  private final ReferenceSchema boundarySchema;
  private final ReferenceSchema unitSchema;
  private final ReferenceSchema indicatorSchema;
  private final ReferenceSchema roadSegmentSchema;
  private final ReferenceSchema hotspotSchema;
  private final ReferenceSchema candidateSchema;
  /** The indicator data of indicator collections (set by the plugin; null: none on this server). */
  private volatile pl.kmzb.indicator.IndicatorSource indicators;
  /** The ranked road segments of road-segment collections (set by the plugin). */
  private volatile pl.kmzb.analytics.RoadSegmentLayer roadSegments;
  /** The significant cells of hot-spot collections (set by the plugin). */
  private volatile pl.kmzb.analytics.HotspotLayer hotspots;
  /** The candidate sites of the candidate-site collection (set by the plugin). */
  private volatile pl.kmzb.analytics.CandidateSiteLayer candidateSites;

  private record Cached(Object source, long stamp, List<ReferenceFeature> features) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** {@code units}: the server's police units ({@link pl.kmzb.unit.CurrentUnits}). */
  public ReferenceSource(Supplier<BoundaryIndex> boundaries, Supplier<List<PoliceUnit>> units, ClusterIndex index,
      List<String> categoryOrder) {
    this.boundaries = boundaries;
    this.units = units;
    this.index = index;
    this.categoryOrder = List.copyOf(categoryOrder);
    List<Property> area = new ArrayList<>(List.of(
        new Property("code", Type.STRING, false, "TERYT code of the area"),
        new Property("name", Type.STRING, false, "name of the area"),
        new Property("level", Type.STRING, false, "voivodeship, county or municipality"),
        new Property("reports", Type.INTEGER, false, "public reports in the area (at their public position)")));
    for (Status s : STATUSES) {
      area.add(new Property("status_" + s.code(), Type.INTEGER, false, "public reports in status " + s.code()));
    }
    for (String c : this.categoryOrder) {
      area.add(new Property("category_" + c, Type.INTEGER, false, "public reports of category " + c));
    }
    this.areaSchema = new ReferenceSchema("AreaCountsType", false, area);
    this.boundarySchema = new ReferenceSchema("BoundaryType", false, List.of(area.get(0), area.get(1), area.get(2)));
    this.indicatorSchema = new ReferenceSchema("IndicatorType", false, List.of(area.get(0), area.get(1),
        area.get(2),
        new Property("indicator", Type.STRING, false, "the indicator's code (layers/indicators.yaml)"),
        new Property("period", Type.STRING, false, "the period shown: the latest with values"),
        new Property("value", Type.NUMBER, true, "the area's value in the period"),
        new Property("population", Type.INTEGER, true, "inhabitants in the period's year (none: no rate)"),
        new Property("rate", Type.NUMBER, true, "per 100,000 inhabitants for counts; none for other indicators"),
        new Property("class", Type.INTEGER, true, "the area's class of the layer's map (5 quantile classes), 0-based")));
    // The columns of /api/analytics/road-segments, by the same names.
    this.roadSegmentSchema = new ReferenceSchema("RoadSegmentType", ReferenceSchema.GeometryKind.LINE, List.of(
        new Property("rank", Type.INTEGER, false, "the segment's rank, 1 the fullest"),
        new Property("road", Type.STRING, false, "the road's number (DK7, S8, DW773)"),
        new Property("class", Type.STRING, false, "the road's class (motorway, expressway, national, ...)"),
        new Property("fromMetres", Type.INTEGER, false, "where the segment starts along its road, metres"),
        new Property("toMetres", Type.INTEGER, false, "where the segment ends along its road, metres"),
        new Property("lengthMetres", Type.INTEGER, false, "the segment's length, metres"),
        new Property("incidents", Type.INTEGER, false, "incidents counted in the segment"),
        new Property("startLon", Type.NUMBER, false, "the segment's start, longitude"),
        new Property("startLat", Type.NUMBER, false, "the segment's start, latitude"),
        new Property("endLon", Type.NUMBER, false, "the segment's end, longitude"),
        new Property("endLat", Type.NUMBER, false, "the segment's end, latitude")));
    // The columns of /api/analytics/hotspots, by the same names.
    this.hotspotSchema = new ReferenceSchema("HotspotCellType", ReferenceSchema.GeometryKind.AREA, List.of(
        new Property("col", Type.INTEGER, false, "the cell's column, from the grid's west edge"),
        new Property("row", Type.INTEGER, false, "the cell's row, from the grid's south edge"),
        new Property("x", Type.NUMBER, false, "the cell centre's EPSG:2180 easting, metres"),
        new Property("y", Type.NUMBER, false, "the cell centre's EPSG:2180 northing, metres"),
        new Property("lon", Type.NUMBER, false, "the cell centre's longitude"),
        new Property("lat", Type.NUMBER, false, "the cell centre's latitude"),
        new Property("count", Type.INTEGER, false, "public reports in the cell"),
        new Property("neighbours", Type.INTEGER, false, "cells in the neighbourhood, the cell included"),
        new Property("z", Type.NUMBER, true, "the Gi* z-score"),
        new Property("p", Type.NUMBER, true, "the two-sided p-value of the z-score"),
        new Property("class", Type.STRING, false, "hot_99, hot_95, hot_90, cold_90, cold_95 or cold_99"),
        new Property("confidence", Type.INTEGER, false, "99, 95 or 90 (per cent)")));
    // The columns of /api/analytics/candidates, by the same names ("site" for its "id").
    this.candidateSchema = new ReferenceSchema("CandidateSiteType", true, List.of(
        new Property("rank", Type.INTEGER, false, "the pick's rank, 1 the first (it covers the most)"),
        new Property("site", Type.STRING, false, "the candidate's id (the API's id: a grid cell or a file's name)"),
        new Property("lon", Type.NUMBER, false, "the site's longitude"),
        new Property("lat", Type.NUMBER, false, "the site's latitude"),
        new Property("gain", Type.INTEGER, false, "uncovered threats this pick newly covers"),
        new Property("cumulative", Type.INTEGER, false, "uncovered threats the picks up to this one cover"),
        new Property("cumulativeShare", Type.NUMBER, false, "that as a share of the uncovered threats"),
        new Property("radiusMetres", Type.NUMBER, false, "the covering radius, metres"),
        new Property("spacingMetres", Type.NUMBER, false, "the candidate grid's spacing, metres (the API's spacing)")));
    this.unitSchema = new ReferenceSchema("PoliceUnitType", true, List.of(
        new Property("code", Type.STRING, false, "the unit's code"),
        new Property("name", Type.STRING, false, "the unit's name"),
        new Property("type", Type.STRING, false, "KWP, KMP, KPP, KP or PP"),
        new Property("typeName", Type.STRING, false, "the kind of unit in Polish"),
        new Property("areas", Type.STRING, false, "TERYT codes of the areas it serves, separated by spaces")));
  }

  public ReferenceSchema schema(FeatureCollection c) {
    return switch (c.reference().kind()) {
      case AREA_COUNTS -> areaSchema;
      case BOUNDARIES -> boundarySchema;
      case INDICATOR -> indicatorSchema;
      case ROAD_SEGMENTS -> roadSegmentSchema;
      case HOTSPOTS -> hotspotSchema;
      case CANDIDATE_SITES -> candidateSchema;
      default -> unitSchema;
    };
  }

  public Queryables queryables(FeatureCollection c) {
    return schema(c).queryables();
  }

  /** Every feature of the collection, sorted by id; a list shared between requests, never changed. */
  public List<ReferenceFeature> features(FeatureCollection c) {
    ReferenceLayer r = c.reference();
    if (r.kind() == LayerKind.POLICE_UNITS) {
      List<PoliceUnit> list = units.get();
      return cached(c.id(), list, 0, () -> unitFeatures(list));
    }
    if (r.kind() == LayerKind.ROAD_SEGMENTS) {
      pl.kmzb.analytics.RoadSegmentLayer.Snapshot s = roadSegments.current();
      return cached(c.id(), roadSegments, s.version(), () -> roadSegmentFeatures(s));
    }
    if (r.kind() == LayerKind.HOTSPOTS) {
      pl.kmzb.analytics.HotspotLayer.Snapshot s = hotspots.current();
      return cached(c.id(), hotspots, s.version(), () -> hotspotFeatures(s));
    }
    if (r.kind() == LayerKind.CANDIDATE_SITES) {
      pl.kmzb.analytics.CandidateSiteLayer.Snapshot s = candidateSites.current();
      return cached(c.id(), candidateSites, s.version(), () -> candidateFeatures(s));
    }
    BoundaryIndex b = boundaries.get();
    if (r.kind() == LayerKind.INDICATOR) {
      pl.kmzb.indicator.IndicatorSource source = indicators;
      return cached(c.id(), b, source.data().version(), () -> indicatorFeatures(b,
          new pl.kmzb.indicator.IndicatorLayer(r.indicator(), r.level()).map(source)));
    }
    if (r.kind() == LayerKind.BOUNDARIES) {
      return cached(c.id(), b, 0, () -> boundaryFeatures(b, r.level(), null));
    }
    long stamp = index.stamp(WHOLE_WORLD);
    return cached(c.id(), b, stamp, () -> boundaryFeatures(b, r.level(),
        index.countByAreaCategoryStatus(r.level().codeLength())));
  }

  /**
   * The features of the collection that match {@code filter} (checked against
   * {@link #queryables}), in id order. In memory: the largest set (municipalities) has ~2,500.
   */
  public List<ReferenceFeature> select(FeatureCollection c, pl.kmzb.filter.Expr filter) {
    List<ReferenceFeature> all = features(c);
    if (filter instanceof pl.kmzb.filter.Expr.Include) {
      return all;
    }
    ReferenceFilter f = ReferenceFilter.compile(filter, schema(c));
    return all.stream().filter(f).toList();
  }

  /** A lon/lat box as a geometry for a BBOX test. */
  public static org.locationtech.jts.geom.Geometry box(pl.kmzb.geo.Envelope e) {
    return POINTS.toGeometry(new org.locationtech.jts.geom.Envelope(e.minLon(), e.maxLon(), e.minLat(), e.maxLat()));
  }

  /** The feature with this id, if the collection has it. */
  public java.util.Optional<ReferenceFeature> find(FeatureCollection c, String id) {
    List<ReferenceFeature> all = features(c);
    int i = java.util.Collections.binarySearch(all.stream().map(ReferenceFeature::id).toList(), id);
    return i >= 0 ? java.util.Optional.of(all.get(i)) : java.util.Optional.empty();
  }

  private List<ReferenceFeature> cached(String id, Object source, long stamp, Supplier<List<ReferenceFeature>> build) {
    Cached c = cache.get(id);
    if (c == null || c.source() != source || c.stamp() != stamp) {
      c = new Cached(source, stamp, List.copyOf(build.get()));
      cache.put(id, c);
    }
    return c.features();
  }

  private List<ReferenceFeature> unitFeatures(List<PoliceUnit> list) {
    List<ReferenceFeature> out = new ArrayList<>(list.size());
    for (PoliceUnit u : list) {
      out.add(new ReferenceFeature(u.code(), POINTS.createPoint(new Coordinate(u.location().lon(), u.location().lat())),
          new Object[] {u.code(), u.name(), u.type().name(), u.type().polishName(),
              String.join(" ", u.sortedAreas())}));
    }
    out.sort(Comparator.comparing(ReferenceFeature::id));
    return out;
  }

  /** Indicator collections read this server's one indicator snapshot. */
  public void indicators(pl.kmzb.indicator.IndicatorSource source) {
    this.indicators = source;
  }

  /** Road-segment collections read this server's one ranking. */
  public void roadSegments(pl.kmzb.analytics.RoadSegmentLayer source) {
    this.roadSegments = source;
  }

  /**
   * One feature per segment, id = its rank zero-padded to five digits (ids sort as text, and the
   * order by id is the order by rank; at most 10,000 segments).
   */
  private static List<ReferenceFeature> roadSegmentFeatures(pl.kmzb.analytics.RoadSegmentLayer.Snapshot s) {
    List<ReferenceFeature> out = new ArrayList<>();
    for (pl.kmzb.analytics.RoadSegmentLayer.Segment g : s.segments()) {
      out.add(new ReferenceFeature(String.format(java.util.Locale.ROOT, "%05d", g.rank()), g.lonLat(), new Object[] {
          (long) g.rank(), g.road(), g.roadClass(), g.fromMetres(), g.toMetres(), g.lengthMetres(), (long) g.incidents(),
          g.startLon(), g.startLat(), g.endLon(), g.endLat()}));
    }
    return out;
  }

  /** Candidate-site collections read this server's one ranking. */
  public void candidateSites(pl.kmzb.analytics.CandidateSiteLayer source) {
    this.candidateSites = source;
  }

  /** One point per pick, id = its rank zero-padded to five digits (the order by id is the order by rank). */
  private static List<ReferenceFeature> candidateFeatures(pl.kmzb.analytics.CandidateSiteLayer.Snapshot s) {
    List<ReferenceFeature> out = new ArrayList<>();
    for (pl.kmzb.analytics.CandidateSiteLayer.Site k : s.sites()) {
      out.add(new ReferenceFeature(String.format(java.util.Locale.ROOT, "%05d", k.rank()),
          POINTS.createPoint(new Coordinate(k.lon(), k.lat())), new Object[] {(long) k.rank(), k.id(), k.lon(), k.lat(),
              (long) k.gain(), (long) k.cumulative(), k.cumulativeShare(), k.radiusMetres(), k.spacingMetres()}));
    }
    return out;
  }

  /** Hot-spot collections read this server's one Gi* computation. */
  public void hotspots(pl.kmzb.analytics.HotspotLayer source) {
    this.hotspots = source;
  }

  /** One feature per significant cell, id {@code col,row} (the API's), sorted by id. */
  private static List<ReferenceFeature> hotspotFeatures(pl.kmzb.analytics.HotspotLayer.Snapshot s) {
    List<ReferenceFeature> out = new ArrayList<>();
    for (pl.kmzb.analytics.HotspotLayer.Cell c : s.cells()) {
      Object[] values = new Object[c.values().size()];
      for (int i = 0; i < values.length; i++) {
        Object v = c.values().get(i);
        // Whole numbers as longs, decimals as doubles (an undefined z or p, NaN, as none).
        values[i] = v instanceof Integer n ? Long.valueOf(n) : v instanceof Double d && d.isNaN() ? null : v;
      }
      out.add(new ReferenceFeature(c.id(), c.lonLat(), values));
    }
    out.sort(Comparator.comparing(ReferenceFeature::id));
    return out;
  }

  /** The areas of the map's level with a value, in code order, with the map's numbers. */
  private static List<ReferenceFeature> indicatorFeatures(BoundaryIndex b, pl.kmzb.indicator.IndicatorMap map) {
    List<ReferenceFeature> out = new ArrayList<>();
    for (int i = 0; i < map.rows().size(); i++) {
      pl.kmzb.indicator.IndicatorRow row = map.rows().get(i);
      Boundary a = b.find(row.code()).orElse(null);
      if (a == null) {
        continue; // a feature needs its outline
      }
      Integer cls = map.classes().classOfRow().get(i);
      out.add(new ReferenceFeature(a.code(), a.geometry(), new Object[] {a.code(), a.name(), map.level().key(),
          map.indicator().code(), map.period(), row.value(), row.population(), row.rate(),
          cls == null ? null : Long.valueOf(cls)}));
    }
    out.sort(Comparator.comparing(ReferenceFeature::id));
    return out;
  }

  /** The boundaries of a level, with their counts when {@code counts} is given (code → counts of the index). */
  private List<ReferenceFeature> boundaryFeatures(BoundaryIndex b, BoundaryLevel level, Map<String, int[]> counts) {
    List<ReferenceFeature> out = new ArrayList<>();
    int categories = categoryOrder.size();
    for (Boundary a : b.all()) {
      if (a.level() != level) {
        continue;
      }
      if (counts == null) {
        out.add(new ReferenceFeature(a.code(), a.geometry(), new Object[] {a.code(), a.name(), level.key()}));
        continue;
      }
      int[] n = counts.get(a.code());
      Object[] values = new Object[4 + STATUSES.size() + categories];
      values[0] = a.code();
      values[1] = a.name();
      values[2] = level.key();
      long total = 0;
      for (int i = 0; i < STATUSES.size(); i++) {
        long v = n == null ? 0 : n[categories + STATUSES.get(i).ordinal()];
        values[4 + i] = v;
        total += v;
      }
      values[3] = total;
      for (int i = 0; i < categories; i++) {
        values[4 + STATUSES.size() + i] = n == null ? 0L : (long) n[i];
      }
      out.add(new ReferenceFeature(a.code(), a.geometry(), values));
    }
    out.sort(Comparator.comparing(ReferenceFeature::id));
    return out;
  }
}
