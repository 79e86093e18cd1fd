package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The striped PNG against the format: every chunk's CRC, one zlib stream whose inflated bytes are
 * the image's scanlines and whose Adler-32 (checked by {@link Inflater}) is right, and ImageIO
 * decoding the same pixels; for one strip and for several, at sizes that leave uneven strips.
 */
class StripedPngTest {
  /** A map-like image: flat areas, a gradient, noise, a transparent corner. */
  static int[] picture(int w, int h, long seed) {
    Random r = new Random(seed);
    int[] argb = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p;
        if (x < w / 3) {
          p = 0xfff4f1ea;
        } else if (x < 2 * w / 3) {
          p = 0xff000000 | (x * 255 / Math.max(1, w)) << 16 | (y * 255 / Math.max(1, h)) << 8 | 0x40;
        } else {
          p = r.nextInt();
        }
        if (x < w / 8 && y < h / 8) {
          p = 0;
        }
        argb[y * w + x] = p;
      }
    }
    return argb;
  }

  @ParameterizedTest
  @CsvSource({"1, 1, true, 1", "3, 7, false, 4", "1024, 1024, true, 4", "1024, 1024, false, 2", "700, 1501, true, 3",
      "4096, 300, true, 8", "256, 256, true, 8"})
  void isAValidPngOfTheSamePixels(int w, int h, boolean alpha, int strips) throws Exception {
    int[] argb = picture(w, h, w * 31L + h);
    byte[] png = StripedPng.encode(argb, w, h, alpha, 4, strips);
    byte[] scanlines = inflatedIdat(png, w, h, alpha);
    assertArrayEquals(expectedScanlines(argb, w, h, alpha), scanlines);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(w, decoded.getWidth());
    assertEquals(h, decoded.getHeight());
    for (int y = 0; y < h; y += Math.max(1, h / 50)) {
      for (int x = 0; x < w; x += Math.max(1, w / 50)) {
        int want = alpha ? argb[y * w + x] : argb[y * w + x] | 0xff000000;
        assertEquals(want, decoded.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void stripsCostLittleCompression() {
    int w = 1024;
    int h = 1024;
    int[] argb = picture(w, h, 7);
    for (int i = 0; i < argb.length; i++) {
      if (i % w > 2 * w / 3) {
        argb[i] = 0xff2166ac; // no noise: a map's flat colour compresses, so the cut would show
      }
    }
    int one = StripedPng.encode(argb, w, h, true, 4, 1).length;
    int four = StripedPng.encode(argb, w, h, true, 4, 4).length;
    assertTrue(four <= one * 1.02 + 64, "4 strips " + four + " B against one " + one + " B");
  }

  @Test
  void combinedAdlerEqualsTheWholeRunsAdler() {
    Random r = new Random(3);
    for (int k = 0; k < 200; k++) {
      byte[] data = new byte[r.nextInt(300_000)];
      r.nextBytes(data);
      if (k % 3 == 0) {
        java.util.Arrays.fill(data, (byte) 0xff);
      }
      int cut = data.length == 0 ? 0 : r.nextInt(data.length + 1);
      Adler32 a = new Adler32();
      a.update(data, 0, cut);
      Adler32 b = new Adler32();
      b.update(data, cut, data.length - cut);
      Adler32 whole = new Adler32();
      whole.update(data);
      assertEquals(whole.getValue(), StripedPng.combine(a.getValue(), b.getValue(), data.length - cut));
    }
  }

  /** Walks the chunks (checking each CRC and the IHDR), and inflates the IDAT data as one zlib stream. */
  static byte[] inflatedIdat(byte[] png, int w, int h, boolean alpha) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(png);
    byte[] signature = new byte[8];
    b.get(signature);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    String type = "";
    while (!type.equals("IEND")) {
      int length = b.getInt();
      byte[] t = new byte[4];
      b.get(t);
      type = new String(t, java.nio.charset.StandardCharsets.US_ASCII);
      byte[] data = new byte[length];
      b.get(data);
      CRC32 crc = new CRC32();
      crc.update(t);
      crc.update(data);
      assertEquals((int) crc.getValue(), b.getInt(), type + " CRC");
      if (type.equals("IHDR")) {
        ByteBuffer ih = ByteBuffer.wrap(data);
        assertEquals(w, ih.getInt());
        assertEquals(h, ih.getInt());
        assertEquals(8, ih.get());
        assertEquals(alpha ? 6 : 2, ih.get());
      } else if (type.equals("IDAT")) {
        idat.writeBytes(data);
      }
    }
    assertEquals(0, b.remaining(), "nothing after IEND");
    Inflater inflater = new Inflater();
    inflater.setInput(idat.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    while (!inflater.finished()) {
      int n = inflater.inflate(buf); // throws on a wrong Adler-32 ("incorrect data check")
      assertTrue(n > 0 || !inflater.needsInput(), "the stream ends before its end");
      out.write(buf, 0, n);
    }
    assertEquals(0, inflater.getRemaining(), "one zlib stream, nothing after it");
    inflater.end();
    return out.toByteArray();
  }

  static byte[] expectedScanlines(int[] argb, int w, int h, boolean alpha) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int y = 0; y < h; y++) {
      out.write(0);
      for (int x = 0; x < w; x++) {
        int p = argb[y * w + x];
        out.write(p >> 16);
        out.write(p >> 8);
        out.write(p);
        if (alpha) {
          out.write(p >>> 24);
        }
      }
    }
    return out.toByteArray();
  }
}
