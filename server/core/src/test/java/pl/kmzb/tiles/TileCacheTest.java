package pl.kmzb.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TileCacheTest {
  /** A layer whose every tile is 10 KB of incompressible bytes. */
  static final class Big implements TileLayer {
    final java.util.SplittableRandom random = new java.util.SplittableRandom(1);

    public String id() {
      return "big";
    }

    public String description() {
      return "big";
    }

    public int minZoom() {
      return 0;
    }

    public int maxZoom() {
      return 16;
    }

    public List<VectorLayer> vectorLayers() {
      return List.of();
    }

    public String cacheControl() {
      return "no-cache";
    }

    public Variant variant(Map<String, List<String>> query) {
      return new Variant(query.isEmpty() ? "" : query.toString(), null);
    }

    public Rendered render(TileCoord tile, Variant variant) {
      byte[] b = new byte[10_000];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) random.nextInt();
      }
      return new Rendered(b, 1);
    }

    public long stamp(TileCoord tile) {
      return 0;
    }
  }

  @Test
  void filteredTilesCannotEvictUnfilteredOnes() {
    TileCache cache = new TileCache(2_000_000, 25);
    Big layer = new Big();
    TileLayer.Variant plain = layer.variant(Map.of());
    for (int x = 0; x < 100; x++) {
      cache.get(layer, WebMercatorQuad.INSTANCE, new TileCoord(7, x, 0), plain);
    }
    for (int i = 0; i < 2_000; i++) {
      cache.get(layer, WebMercatorQuad.INSTANCE, new TileCoord(0, 0, 0), layer.variant(Map.of("from", List.of("" + i))));
    }
    for (int x = 0; x < 100; x++) {
      assertNotNull(cache.current(layer, WebMercatorQuad.INSTANCE, new TileCoord(7, x, 0), plain), "tile " + x);
    }
    assertEquals(100, cache.unfilteredSize());
  }
}
