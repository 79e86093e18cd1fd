package pl.kmzb.render;

import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * The PNG encoder's strips against one strip (what PNGJ's writer did, at the same level and filter):
 * each map given (PNG files, e.g. fetched from a running server with curl) decoded, then encoded 30
 * times per strip count; the best time and the size.
 *
 * <pre>java -cp bench/harness/target/kmzb-bench.jar pl.kmzb.render.PngBench group.png clusters.png</pre>
 */
public final class PngBench {
  private PngBench() {}

  public static void main(String[] args) throws Exception {
    for (String file : args) {
      BufferedImage read = ImageIO.read(new File(file));
      BufferedImage img = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_ARGB);
      img.getGraphics().drawImage(read, 0, 0, null);
      int[] argb = ImageFormats.pixels(img);
      for (int strips : new int[] {1, 2, 4}) {
        long best = Long.MAX_VALUE;
        int size = 0;
        for (int r = 0; r < 30; r++) {
          long t = System.nanoTime();
          size = StripedPng.encode(argb, img.getWidth(), img.getHeight(), true, 4, strips).length;
          best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("%s %dx%d, %d strip(s): %.1f ms, %,d bytes%n", file, img.getWidth(), img.getHeight(), strips,
            best / 1e6, size);
      }
    }
  }
}
