package pl.kmzb.boundary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;
import pl.kmzb.geo.EdgeFreeCells;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Teryt;

/**
 * Assigns TERYT codes to points from the loaded boundaries of any subset of levels.
 *
 * <p>Only the finest level that covers a point decides, and the wider codes come from its prefix,
 * so the answer always nests even where independently generalised layers disagree by a few metres
 * at a border. Where the finest level has a gap, the next coarser level answers. A point covered by
 * two areas of a level (on their shared border) gets the smallest code, so re-running an
 * assignment never changes an answer. "Covers" is tested on the real outline, holes included, so a
 * city county in a hole of its surrounding county gets the city.
 *
 * <p>Per level, an STRtree over envelopes picks candidates and each boundary's
 * {@link IndexedPointInAreaLocator} (an interval index over its edges) decides. In front of them, a
 * grid of {@link EdgeFreeCells} answers every point in a cell no border crosses (most of the
 * country) without geometry: a million-report import spent ~40 % of its reading in the locators.
 * All are built in the constructor, after which the index is read-only and safe to share.
 */
public final class BoundaryIndex {
  public static final BoundaryIndex EMPTY = of(List.of());
  /** Grid cells along the longer side of the boundaries' extent: about 1 km over Poland. */
  static final int GRID_CELLS = 1024;

  /**
   * One boundary with its point locator and the codes it assigns (built once: a bulk import asks
   * a million times); all immutable after construction.
   */
  private record Entry(Boundary boundary, IndexedPointInAreaLocator locator, Teryt teryt) {}

  private record Layer(BoundaryLevel level, STRtree tree) {}

  /** Finest level first, the order in which {@link #assign} asks. */
  private final List<Layer> layers;
  private final Map<String, Boundary> byCode;
  private final Set<BoundaryLevel> levels;
  private final EdgeFreeCells cells;
  private final Teryt[] cellAnswers;

  private BoundaryIndex(List<Layer> layers, Map<String, Boundary> byCode, Collection<Boundary> boundaries) {
    this.layers = layers;
    this.byCode = byCode;
    EnumSet<BoundaryLevel> present = EnumSet.noneOf(BoundaryLevel.class);
    layers.forEach(l -> present.add(l.level()));
    this.levels = Collections.unmodifiableSet(present);
    // Answers for the cells no border crosses, from the exact test once per run of such cells.
    Map<Teryt, Integer> numbers = new HashMap<>();
    List<Teryt> found = new ArrayList<>();
    this.cells = EdgeFreeCells.of(boundaries.stream().map(Boundary::geometry).toList(), GRID_CELLS, (x, y) ->
        numbers.computeIfAbsent(assignExactly(x, y), t -> {
          found.add(t);
          return found.size() - 1;
        }));
    this.cellAnswers = found.toArray(Teryt[]::new);
  }

  /** Builds the index; a code may appear only once. */
  public static BoundaryIndex of(Collection<Boundary> boundaries) {
    Map<String, Boundary> byCode = new HashMap<>();
    Map<BoundaryLevel, STRtree> trees = new EnumMap<>(BoundaryLevel.class);
    for (Boundary b : boundaries) {
      if (byCode.putIfAbsent(b.code(), b) != null) {
        throw new IllegalArgumentException("boundary " + b.code() + " is given twice");
      }
      IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(b.geometry());
      // The locator builds its edge index on first use; do it now so no query pays for it.
      locator.locate(b.geometry().getCoordinate());
      trees.computeIfAbsent(b.level(), l -> new STRtree())
          .insert(b.geometry().getEnvelopeInternal(), new Entry(b, locator, b.level().teryt(b.code())));
    }
    List<Layer> layers = new ArrayList<>();
    for (BoundaryLevel level : List.of(BoundaryLevel.MUNICIPALITY, BoundaryLevel.COUNTY,
        BoundaryLevel.VOIVODESHIP)) {
      STRtree tree = trees.get(level);
      if (tree != null) {
        tree.build(); // STRtree builds lazily; building here leaves queries read-only
        layers.add(new Layer(level, tree));
      }
    }
    return new BoundaryIndex(List.copyOf(layers), Map.copyOf(byCode), boundaries);
  }

  /**
   * The codes of the point, or {@link Teryt#NONE} when no loaded boundary covers it (also for NaN
   * or infinite coordinates, which would otherwise pass every envelope test and meet a ray-crossing
   * count that answers nonsense).
   */
  public Teryt assign(double lon, double lat) {
    int a = cells.answer(lon, lat);
    return a == EdgeFreeCells.UNKNOWN ? assignExactly(lon, lat) : cellAnswers[a];
  }

  /** {@link #assign} without the grid: the geometry decides. */
  Teryt assignExactly(double lon, double lat) {
    if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
      return Teryt.NONE;
    }
    Coordinate point = new Coordinate(lon, lat);
    Envelope at = new Envelope(point);
    for (Layer layer : layers) {
      Smallest smallest = new Smallest(point);
      layer.tree().query(at, smallest);
      if (smallest.entry != null) {
        return smallest.entry.teryt();
      }
    }
    return Teryt.NONE;
  }

  public Teryt assign(LonLat point) {
    return assign(point.lon(), point.lat());
  }

  public Optional<Boundary> find(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** Every boundary of the index (all levels), for drawing. */
  public java.util.Collection<Boundary> all() {
    return byCode.values();
  }

  /** The levels that have at least one boundary. */
  public Set<BoundaryLevel> levels() {
    return levels;
  }

  /** Number of boundaries over all levels. */
  public int size() {
    return byCode.size();
  }

  /** Keeps the smallest code among the candidates whose outline covers the point. */
  private static final class Smallest implements ItemVisitor {
    private final Coordinate point;
    private Entry entry;

    Smallest(Coordinate point) {
      this.point = point;
    }

    @Override
    public void visitItem(Object item) {
      Entry candidate = (Entry) item;
      if ((entry == null || candidate.boundary().code().compareTo(entry.boundary().code()) < 0)
          && candidate.locator().locate(point) != Location.EXTERIOR) {
        entry = candidate;
      }
    }
  }
}
