package pl.kmzb.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.visibility.PublicReport;

/**
 * Random checked expressions over every operator, with literals taken from the reports themselves so
 * equality and range edges are hit: nested AND/OR/NOT, nulls, LIKE with escapes and other wildcard
 * characters, spatial tests with points, boxes, polygons, lines and distances, temporal relations
 * with open and closed intervals.
 */
public final class RandomExprs {
  static final GeometryFactory GF = new GeometryFactory();

  private final SplittableRandom rnd;
  private final Queryables view;
  private final List<Report> sample;
  private final boolean locationFree;

  /**
   * @param locationFree only tests that cannot tell two reports of one cell apart by anything but
   *     their position (no id, ResourceId, description, dates or codes differing between them)
   */
  public RandomExprs(SplittableRandom rnd, Queryables view, List<Report> sample, boolean locationFree) {
    this.rnd = rnd;
    this.view = view;
    this.sample = sample;
    this.locationFree = locationFree;
  }

  public Expr next() {
    return view.check(node(0), false);
  }

  private Expr node(int depth) {
    int k = rnd.nextInt(depth >= 3 ? 4 : 10);
    if (k >= 6 && depth < 3) {
      int n = 2 + rnd.nextInt(2);
      List<Expr> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        parts.add(node(depth + 1));
      }
      return k == 6 ? new Expr.Not(parts.get(0)) : k == 7 ? new Expr.And(parts) : new Expr.Or(parts);
    }
    return leaf();
  }

  private Report any() {
    return sample.get(rnd.nextInt(sample.size()));
  }

  private Expr leaf() {
    List<Queryables.Property> props = view.properties().stream()
        .filter(p -> !locationFree || Set.of("category", "group", "status", "voivodeship", "county", "municipality",
            Queryables.GEOMETRY).contains(p.name()))
        .toList();
    Queryables.Property p = props.get(rnd.nextInt(props.size()));
    int k = rnd.nextInt(20);
    if (k == 0 && !locationFree) {
      return rnd.nextBoolean() ? Expr.INCLUDE : Expr.EXCLUDE;
    } else if (k == 1 && !locationFree) {
      Set<Long> ids = new TreeSet<>();
      for (int i = rnd.nextInt(4); i >= 0; i--) {
        ids.add(any().id() + rnd.nextInt(2));
      }
      return new Expr.ResourceId(ids);
    }
    if (p.type() == Queryables.Type.GEOMETRY) {
      return spatial();
    }
    Object v = literal(p);
    if ((p.type() == Queryables.Type.TIMESTAMP || p.type() == Queryables.Type.DATE) && rnd.nextInt(3) == 0) {
      return temporal(p);
    }
    switch (rnd.nextInt(p.type() == Queryables.Type.STRING ? 6 : 5)) {
      case 0:
        return new Expr.IsNull(p.name());
      case 1: {
        Object w = literal(p);
        boolean swap = Expr.compareLiterals(v, w) > 0;
        return new Expr.Between(p.name(), swap ? w : v, swap ? v : w);
      }
      case 2: {
        List<Object> values = new ArrayList<>();
        for (int i = rnd.nextInt(4); i >= 0; i--) {
          values.add(literal(p));
        }
        return new Expr.In(p.name(), values);
      }
      case 5:
        return like(p, (String) v);
      default:
        return new Expr.Compare(Expr.CompareOp.values()[rnd.nextInt(6)], p.name(), v);
    }
  }

  /** A value of the property: mostly one a report has, sometimes a neighbour of it. */
  private Object literal(Queryables.Property p) {
    Object v = null;
    for (int i = 0; i < 5 && v == null; i++) {
      v = valueOf(any(), p.name());
    }
    return switch (p.type()) {
      case STRING -> v == null ? "1261011" : v;
      case INTEGER -> v == null ? 1L : rnd.nextInt(4) == 0 ? (Long) v + 0.5 : (Object) ((Long) v + rnd.nextInt(3) - 1);
      case BOOLEAN -> v == null ? Boolean.TRUE : rnd.nextInt(3) == 0 ? !(Boolean) v : v;
      case TIMESTAMP -> v == null ? Instant.parse("2020-03-01T00:00:00Z")
          : ((Instant) v).plusMillis(rnd.nextInt(3) == 0 ? rnd.nextInt(3) - 1 : 0);
      case DATE -> v == null ? LocalDate.of(2020, 5, 5) : ((LocalDate) v).plusDays(rnd.nextInt(3) == 0 ? rnd.nextInt(3) - 1 : 0);
      case GEOMETRY, NUMBER -> throw new IllegalStateException(); // reports have no decimal queryable
    };
  }

  private Object valueOf(Report r, String property) {
    PublicReport shown = view.visibility() == Visibility.PUBLIC ? view.policy().show(r) : null;
    return switch (property) {
      case "id" -> r.id();
      case "category" -> r.category();
      case "group" -> view.groupOf().get(r.category());
      case "status" -> r.status().code();
      case "reportedAt" -> r.reportedAt();
      case "occurredOn" -> r.occurredOn();
      case "timeOfDay" -> r.timeOfDay() == null ? null : r.timeOfDay().code();
      case "description" -> r.description();
      case "voivodeship" -> (shown != null ? shown.areas() : r.teryt()).voivodeship();
      case "county" -> (shown != null ? shown.areas() : r.teryt()).county();
      case "municipality" -> (shown != null ? shown.areas() : r.teryt()).municipality();
      case "source" -> r.source().code();
      case "descriptionPublic" -> r.descriptionPublic();
      case "externalId" -> r.externalId();
      case "synthetic" -> r.synthetic();
      case "pastDeadline" -> r.isPastDeadline(ExprFixtures.NOW);
      case "updatedAt" -> r.updatedAt();
      case "version" -> r.version();
      default -> throw new IllegalArgumentException(property);
    };
  }

  /** A pattern cut from the value: some characters become one-character wildcards, ends become runs. */
  private Expr like(Queryables.Property p, String value) {
    boolean fes = rnd.nextBoolean();
    char any = fes ? '*' : '%';
    char one = fes ? '.' : '_';
    char esc = fes ? '!' : '\\';
    int cps = value.codePointCount(0, value.length());
    int from = cps == 0 ? 0 : rnd.nextInt(cps);
    int to = cps == 0 ? 0 : from + rnd.nextInt(cps - from + 1);
    StringBuilder sb = new StringBuilder();
    if (from > 0 || rnd.nextInt(4) == 0) {
      sb.append(any);
    }
    for (int i = from; i < to; i++) {
      int c = value.codePointAt(value.offsetByCodePoints(0, i));
      if (rnd.nextInt(6) == 0) {
        sb.append(one);
      } else {
        if (c == any || c == one || c == esc) {
          sb.append(esc);
        }
        sb.appendCodePoint(c);
      }
    }
    if (to < cps || rnd.nextInt(4) == 0) {
      sb.append(any);
    }
    return new Expr.Like(p.name(), sb.toString(), any, one, esc, rnd.nextInt(3) == 0);
  }

  private Expr temporal(Queryables.Property p) {
    Expr.TemporalOp op = Expr.TemporalOp.values()[rnd.nextInt(Expr.TemporalOp.values().length)];
    Object a = literal(p);
    if (rnd.nextBoolean()) {
      return Expr.Temporal.at(op, p.name(), a);
    }
    Object b = literal(p);
    if (Expr.compareLiterals(a, b) > 0) {
      Object t = a;
      a = b;
      b = t;
    }
    int open = rnd.nextInt(5);
    return new Expr.Temporal(op, p.name(), open == 0 ? null : a, open == 1 ? null : b);
  }

  private Expr spatial() {
    Expr.SpatialOp op = Expr.SpatialOp.values()[rnd.nextInt(Expr.SpatialOp.values().length)];
    double distance = op == Expr.SpatialOp.DWITHIN || op == Expr.SpatialOp.BEYOND ? rnd.nextInt(4) * 700.0 + rnd.nextInt(50) : 0;
    Geometry g = geometry();
    while (!g.isValid()) {
      g = geometry();
    }
    return new Expr.Spatial(op, g, distance);
  }

  private Coordinate near() {
    Report r = any();
    LonLat p = r.location();
    if (view.visibility() == Visibility.PUBLIC && view.policy().show(r) != null && rnd.nextBoolean()) {
      p = view.policy().show(r).location();
    }
    return rnd.nextBoolean() ? new Coordinate(p.lon(), p.lat())
        : new Coordinate(p.lon() + (rnd.nextInt(7) - 3) / 100.0, p.lat() + (rnd.nextInt(7) - 3) / 100.0);
  }

  private Geometry geometry() {
    switch (rnd.nextInt(6)) {
      case 0:
        return GF.createPoint(near());
      case 1: {
        Envelope e = new Envelope(near());
        e.expandToInclude(near());
        return GF.toGeometry(e);
      }
      case 2:
        return GF.createLineString(new Coordinate[] {near(), near(), near()});
      case 3:
        return GF.createMultiPoint(new Point[] {GF.createPoint(near()), GF.createPoint(near())});
      default: {
        List<Coordinate> cs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          cs.add(near());
        }
        Geometry hull = GF.createMultiPointFromCoords(cs.toArray(Coordinate[]::new)).convexHull();
        return hull.isEmpty() ? GF.createPoint(near()) : hull;
      }
    }
  }
}
