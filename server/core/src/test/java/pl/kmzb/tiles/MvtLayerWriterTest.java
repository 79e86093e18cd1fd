package pl.kmzb.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Area features keep their properties (boundary names), whatever clipping did to their user data. */
class MvtLayerWriterTest {
  static final GeometryFactory F = new GeometryFactory();

  static Geometry square(double x, double y, double size) {
    return F.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + size, y),
        new Coordinate(x + size, y + size), new Coordinate(x, y + size), new Coordinate(x, y)});
  }

  static Map<String, Object> tags(VectorTile.Tile.Layer layer, VectorTile.Tile.Feature f) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < f.getTagsCount(); i += 2) {
      VectorTile.Tile.Value v = layer.getValues(f.getTags(i + 1));
      out.put(layer.getKeys(f.getTags(i)), v.hasStringValue() ? v.getStringValue() : v.getSintValue());
    }
    return out;
  }

  @Test
  void polygonsAndMultiPolygonsCarryTheirProperties() throws Exception {
    MvtLayerWriter w = new MvtLayerWriter("voivodeships");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("code", "14");
    props.put("name", "mazowieckie");
    w.geometry(square(10, 10, 100), 14, props);
    w.geometry(F.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
        (org.locationtech.jts.geom.Polygon) square(200, 200, 50), (org.locationtech.jts.geom.Polygon) square(300, 300, 50)}),
        12, Map.of("name", "małopolskie"));
    VectorTile.Tile tile = VectorTile.Tile.parseFrom(MvtLayerWriter.encode(List.of(w)));
    VectorTile.Tile.Layer layer = tile.getLayers(0);
    assertEquals(Map.of("code", "14", "name", "mazowieckie"), tags(layer, layer.getFeatures(0)));
    for (int i = 1; i < layer.getFeaturesCount(); i++) {
      assertEquals(Map.of("name", "małopolskie"), tags(layer, layer.getFeatures(i)), "feature " + i);
    }
  }
}
