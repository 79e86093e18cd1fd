package pl.kmzb.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;

/**
 * The administrative areas of one level (voivodeships, counties or municipalities) as polygons with
 * their TERYT code and name. Outlines are projected once into world units, then per tile selected
 * with an STR-tree, simplified to a quarter of a tile unit, clipped to the tile with a buffer, and
 * scaled to 4096 units.
 */
public final class BoundaryTileLayer implements TileLayer {
  private static final double WORLD = 1L << Morton.LEVELS;
  private static final int BUFFER = 64;

  private final BoundaryLevel level;
  private final String id;
  private final STRtree tree = new STRtree();
  private final GeometryFactory factory = new GeometryFactory();
  private final int maxZoom;
  private final long generation;

  /** The outlines of {@code level} among {@code boundaries}, as generation {@code generation} of the data. */
  public BoundaryTileLayer(BoundaryLevel level, List<Boundary> boundaries, TileMatrixSet tms, int maxZoom,
      long generation) {
    this.level = level;
    this.generation = generation;
    this.id = idOf(level);
    this.maxZoom = maxZoom;
    for (Boundary b : boundaries) {
      if (b.level() == level) {
        Geometry g = toWorld(b.geometry(), tms);
        g.setUserData(b);
        tree.insert(g.getEnvelopeInternal(), g);
      }
    }
    tree.build();
  }

  /** The tileset id of a level: voivodeships, counties, municipalities. */
  public static String idOf(BoundaryLevel level) {
    return switch (level) {
      case VOIVODESHIP -> "voivodeships";
      case COUNTY -> "counties";
      case MUNICIPALITY -> "municipalities";
    };
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "Administrative boundaries (PRG), level " + level.key() + ", with TERYT code and name";
  }

  @Override
  public int minZoom() {
    return 0;
  }

  @Override
  public int maxZoom() {
    return maxZoom;
  }

  @Override
  public List<VectorLayer> vectorLayers() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", "TERYT code (" + level.codeLength() + " digits)");
    fields.put("name", "Official name");
    fields.put("level", "voivodeship, county or municipality");
    return List.of(new VectorLayer(id, description(), 0, maxZoom, fields));
  }

  @Override
  public String cacheControl() {
    return StaticLayers.CACHE_CONTROL;
  }

  @Override
  public long stamp(TileCoord tile) {
    return generation;
  }

  @Override
  public Variant variant(Map<String, List<String>> query) {
    return StaticLayers.noParameters(id, query);
  }

  @Override
  public Rendered render(TileCoord t, Variant variant) {
    return new Rendered(render(t, id, b -> {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("code", b.code());
      props.put("name", b.name());
      props.put("level", level.key());
      return props;
    }), generation);
  }

  /** The generation of the outlines this layer draws (a boundary import makes a new layer). */
  public long generation() {
    return generation;
  }

  /**
   * The MVT bytes of tile {@code t} with one layer named {@code layer}: the areas of this level in
   * code order, each with the properties {@code properties} gives it (null values are left out, as
   * MVT has no null). Other tilesets drawn over the administrative areas (indicator choropleths)
   * share the outlines, their index and their simplification this way.
   */
  public byte[] render(TileCoord t, String layer, Function<Boundary, Map<String, Object>> properties) {
    double size = WORLD / (1L << t.z());
    double minX = t.x() * size;
    double maxY = WORLD - t.y() * size;
    Envelope tileEnv = new Envelope(minX, minX + size, maxY - size, maxY);
    double unit = size / MvtLayerWriter.PARAMS.getExtent();
    Envelope clip = new Envelope(tileEnv);
    clip.expandBy(BUFFER * unit);
    MvtLayerWriter out = new MvtLayerWriter(layer);
    List<Geometry> hits = new ArrayList<>();
    for (Object o : tree.query(clip)) {
      hits.add((Geometry) o);
    }
    hits.sort((a, b) -> ((Boundary) a.getUserData()).code().compareTo(((Boundary) b.getUserData()).code()));
    for (Geometry g : hits) {
      Boundary b = (Boundary) g.getUserData();
      Geometry simple = TopologyPreservingSimplifier.simplify(g, unit / 4);
      Geometry tileGeom = JtsAdapter.createTileGeom(simple, tileEnv, clip, factory, MvtLayerWriter.PARAMS, null);
      if (!tileGeom.isEmpty()) {
        Map<String, Object> props = new LinkedHashMap<>(properties.apply(b));
        props.values().removeIf(java.util.Objects::isNull);
        out.geometry(tileGeom, Long.parseLong(b.code()), props);
      }
    }
    return MvtLayerWriter.encode(List.of(out));
  }

  /** Longitude/latitude to world units with y growing upwards, the orientation the MVT adapter expects. */
  private static Geometry toWorld(Geometry lonLat, TileMatrixSet tms) {
    Geometry g = lonLat.copy();
    g.apply(new CoordinateSequenceFilter() {
      @Override
      public void filter(CoordinateSequence seq, int i) {
        double[] w = tms.world(seq.getX(i), seq.getY(i));
        seq.setOrdinate(i, Coordinate.X, w[0]);
        seq.setOrdinate(i, Coordinate.Y, WORLD - w[1]);
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public boolean isGeometryChanged() {
        return true;
      }
    });
    g.geometryChanged();
    return g;
  }
}
