package pl.kmzb.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MortonTest {
  @Test
  void encodesAndDecodesEveryBit() {
    Random rnd = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      int x = rnd.nextInt(Integer.MAX_VALUE);
      int y = rnd.nextInt(Integer.MAX_VALUE);
      long m = Morton.encode(x, y);
      assertTrue(m >= 0);
      assertEquals(x, Morton.x(m));
      assertEquals(y, Morton.y(m));
    }
  }

  @Test
  void aCellIsOneRangeOfCodes() {
    Random rnd = new Random(2);
    for (int i = 0; i < 10_000; i++) {
      int level = rnd.nextInt(Morton.LEVELS + 1);
      int x = rnd.nextInt(Integer.MAX_VALUE);
      int y = rnd.nextInt(Integer.MAX_VALUE);
      int shift = Morton.LEVELS - level;
      long start = Morton.cellStart(level, x >>> shift, y >>> shift);
      long m = Morton.encode(x, y);
      assertTrue(m >= start && m < start + Morton.cellSpan(level));
      assertEquals(Morton.encode(x >>> shift, y >>> shift), Morton.cellOf(m, level));
    }
  }

  @Test
  void commonLevelIsTheDeepestSharedCell() {
    Random rnd = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      int x = rnd.nextInt(Integer.MAX_VALUE);
      int y = rnd.nextInt(Integer.MAX_VALUE);
      int x2 = rnd.nextBoolean() ? x ^ (1 << rnd.nextInt(31)) : x;
      int y2 = rnd.nextBoolean() ? y ^ (1 << rnd.nextInt(31)) : y;
      int expected = Morton.LEVELS;
      while (expected > 0 && ((x >>> (Morton.LEVELS - expected)) != (x2 >>> (Morton.LEVELS - expected))
          || (y >>> (Morton.LEVELS - expected)) != (y2 >>> (Morton.LEVELS - expected)))) {
        expected--;
      }
      assertEquals(expected, Morton.commonLevel(Morton.encode(x, y), Morton.encode(x2, y2)));
    }
  }

  @Test
  void webMercatorPutsPolandWhereTheXyzGridDoes() {
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    // Warsaw at z10: x = (21.01 + 180) / 360 * 1024 = 571.8; y = (1 - ln(tan φ + sec φ) / π) / 2 * 1024 = 337.1.
    assertEquals(571, w.worldX(21.01, 52.23) >>> (Morton.LEVELS - 10));
    assertEquals(337, w.worldY(21.01, 52.23) >>> (Morton.LEVELS - 10));
    assertEquals(52.23, WebMercatorQuad.lat(w.world(21.01, 52.23)[1]), 1e-9);
  }
}
