package pl.kmzb.features;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import pl.kmzb.unit.PoliceUnitStore;

/**
 * The features of the reference collections, from what the server already holds: the boundary index
 * (outlines, shared, never copied), the police units (re-read from the store at most once per
 * reference poll interval) and the cluster index's public counts per area (one pass over the index,
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
  private final PoliceUnitStore units;
  private final Duration unitsTtl;
  private final ClusterIndex index;
  private final List<String> categoryOrder;
  private final Clock clock;
  private final ReferenceSchema areaSchema;
  private final ReferenceSchema boundarySchema;
  private final ReferenceSchema unitSchema;
  private final ReferenceSchema indicatorSchema;
  /** The indicator data of indicator collections (set by the plugin; null: none on this server). */
  private volatile pl.kmzb.indicator.IndicatorSource indicators;

  private record Cached(Object source, long stamp, List<ReferenceFeature> features) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private volatile Instant unitsRead = Instant.MIN;
  private volatile List<PoliceUnit> unitList = List.of();

  public ReferenceSource(Supplier<BoundaryIndex> boundaries, PoliceUnitStore units, Duration unitsTtl,
      ClusterIndex index, List<String> categoryOrder, Clock clock) {
    this.boundaries = boundaries;
    this.units = units;
    this.unitsTtl = unitsTtl;
    this.index = index;
    this.categoryOrder = List.copyOf(categoryOrder);
    this.clock = clock;
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
      List<PoliceUnit> list = currentUnits();
      return cached(c.id(), list, 0, () -> unitFeatures(list));
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

  private List<PoliceUnit> currentUnits() {
    Instant now = clock.instant();
    if (unitsRead.plus(unitsTtl).isBefore(now)) {
      synchronized (this) {
        if (unitsRead.plus(unitsTtl).isBefore(now)) {
          unitList = List.copyOf(units.all());
          unitsRead = now;
        }
      }
    }
    return unitList;
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
