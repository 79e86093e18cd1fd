package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageFormatsTest {
  private static BufferedImage read(byte[] bytes) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  /** A transparent map with antialiased shapes: more than 256 colours once edges blend. */
  private static BufferedImage transparentScene() {
    BufferedImage img = new BufferedImage(200, 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 60; i++) {
      g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 120 + rnd.nextInt(136)));
      g.fillOval(rnd.nextInt(190), rnd.nextInt(110), 5 + rnd.nextInt(30), 5 + rnd.nextInt(30));
    }
    g.dispose();
    img.setRGB(0, 0, 0); // a fully transparent corner
    return img;
  }

  @Test
  void png24KeepsAlphaAndColours() throws IOException {
    BufferedImage in = transparentScene();
    BufferedImage out = read(ImageFormats.png24(in));
    assertTrue(out.getColorModel().hasAlpha());
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        int a = in.getRGB(x, y);
        int b = out.getRGB(x, y);
        if ((a >>> 24) == 0) {
          assertEquals(0, b >>> 24);
        } else {
          assertEquals(a, b, "pixel " + x + "," + y);
        }
      }
    }
    BufferedImage opaque = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    assertFalse(read(ImageFormats.png24(opaque)).getColorModel().hasAlpha());
  }

  @Test
  void png8DecodesWithItsTransparencyAndFewColoursExactly() throws IOException {
    BufferedImage in = transparentScene();
    byte[] bytes = ImageFormats.png8(in);
    BufferedImage out = read(bytes);
    assertEquals(in.getWidth(), out.getWidth());
    assertTrue(out.getColorModel() instanceof java.awt.image.IndexColorModel, "a palette image");
    assertEquals(0, out.getRGB(0, 0) >>> 24, "transparent stays transparent");
    long far = 0;
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        int a = in.getRGB(x, y);
        int b = out.getRGB(x, y);
        if ((a >>> 24) == 0) {
          assertEquals(0, b >>> 24, "pixel " + x + "," + y);
        } else if (distance(a, b) > 60) {
          far++;
        }
      }
    }
    assertTrue(far < in.getWidth() * in.getHeight() / 100, far + " pixels far from their colour");

    // A map of few colours keeps them exactly.
    BufferedImage flat = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = flat.createGraphics();
    for (Color c : List.of(Color.RED, new Color(0, 128, 0, 128), Color.BLUE)) {
      g.setColor(c);
      g.fillRect(c.getRGB() & 31, 10, 20, 20);
    }
    g.dispose();
    BufferedImage flatOut = read(ImageFormats.png8(flat));
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int a = flat.getRGB(x, y);
        assertEquals((a >>> 24) == 0 ? 0 : a, (a >>> 24) == 0 ? flatOut.getRGB(x, y) >>> 24 : flatOut.getRGB(x, y));
      }
    }
  }

  @Test
  void jpegHasNoAlpha() throws IOException {
    BufferedImage out = read(ImageFormats.jpeg(transparentScene(), 0.85f));
    assertFalse(out.getColorModel().hasAlpha());
    assertEquals(200, out.getWidth());
    int corner = out.getRGB(0, 0);
    assertTrue(distance(corner, 0xffffffff) < 30, "transparent parts flattened on white");
  }

  private static int distance(int a, int b) {
    int d = 0;
    for (int s = 0; s < 32; s += 8) {
      d = Math.max(d, Math.abs(((a >>> s) & 255) - ((b >>> s) & 255)));
    }
    return d;
  }
}
