package pl.kmzb.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.github.sebasbaumh.mapbox.vectortile.util.GeomCmd;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One layer of a Mapbox Vector Tile 2.1 (extent 4096), built with the mapbox-vector-tile-java
 * protobuf model: points are written directly as one MoveTo command, other geometries go through
 * its JTS adapter. Property keys and values are shared per layer, as the spec intends.
 */
public final class MvtLayerWriter {
  public static final MvtLayerParams PARAMS = new MvtLayerParams(4096);

  private final VectorTile.Tile.Layer.Builder layer;
  private final MvtLayerProps props = new MvtLayerProps();
  private int features;

  public MvtLayerWriter(String name) {
    this.layer = MvtUtil.newLayerBuilder(name, PARAMS);
  }

  /** Starts a point feature at tile units (x, y); add its properties with {@link Feature#tag}. */
  public Feature point(long id, int x, int y) {
    VectorTile.Tile.Feature.Builder f = VectorTile.Tile.Feature.newBuilder()
        .setId(id)
        .setType(VectorTile.Tile.GeomType.POINT)
        .addGeometry(MvtUtil.geomCmdHdr(GeomCmd.MOVE_TO, 1))
        .addGeometry(MvtUtil.encodeZigZag(x))
        .addGeometry(MvtUtil.encodeZigZag(y));
    return new Feature(f);
  }

  /**
   * Adds a geometry already clipped and scaled to tile units (from
   * {@link JtsAdapter#createTileGeom}), with properties; collections become several features.
   */
  public void geometry(Geometry tileGeometry, long id, Map<String, Object> properties) {
    int before = layer.getFeaturesCount();
    // The adapter calls the tag callback only for geometries that carry user data, and clipping and
    // simplification drop it: without a marker the features would go out without their properties.
    markUserData(tileGeometry, properties);
    JtsAdapter.addFeatures(layer, tileGeometry, props, (data, p, feature) -> {
      feature.setId(id);
      properties.forEach((k, v) -> {
        if (v != null) {
          feature.addTags(p.addKey(k));
          feature.addTags(p.addValue(v));
        }
      });
    });
    features += layer.getFeaturesCount() - before;
  }

  private static void markUserData(Geometry g, Object marker) {
    g.setUserData(marker);
    for (int i = 0; g.getNumGeometries() > 1 && i < g.getNumGeometries(); i++) {
      markUserData(g.getGeometryN(i), marker);
    }
  }

  public boolean isEmpty() {
    return features == 0;
  }

  /** A point feature being built. */
  public final class Feature {
    private final VectorTile.Tile.Feature.Builder f;

    private Feature(VectorTile.Tile.Feature.Builder f) {
      this.f = f;
    }

    /** Adds a property; values are String, Boolean, Integer, Long, Float or Double. */
    public Feature tag(String key, Object value) {
      f.addTags(props.addKey(key));
      f.addTags(props.addValue(value));
      return this;
    }

    public void add() {
      layer.addFeatures(f);
      features++;
    }
  }

  /** The tile's bytes; empty when no layer has a feature (served as 204). */
  public static byte[] encode(List<MvtLayerWriter> layers) {
    VectorTile.Tile.Builder tile = VectorTile.Tile.newBuilder();
    for (MvtLayerWriter w : layers) {
      if (!w.isEmpty()) {
        MvtUtil.writeProps(w.layer, w.props);
        tile.addLayers(w.layer.build());
      }
    }
    return tile.getLayersCount() == 0 ? new byte[0] : tile.build().toByteArray();
  }
}
