package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Compares a rendered map with the expected image committed under
 * {@code src/test/resources/golden/}. A pixel differs when a channel is off by more than
 * {@link #CHANNEL_TOLERANCE} (antialiasing and font rasterisers vary a little between JDKs and
 * machines); the test fails when more than {@link #PIXEL_SHARE} of the pixels differ, and writes
 * the rendered image and a diff (differing pixels red) to {@code target/golden-diff/}.
 *
 * <p>Regenerate after an intended change with
 * {@code mvn -pl server/wms test -Dtest=... -Dgolden.update=true} and review the images.
 */
final class GoldenImages {
  static final int CHANNEL_TOLERANCE = 48;
  static final double PIXEL_SHARE = 0.004;
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final Path DIFF = Path.of("target/golden-diff");

  private GoldenImages() {}

  static void assertMatches(String name, BufferedImage actual) throws IOException {
    Path expectedFile = DIR.resolve(name + ".png");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.write(expectedFile, ImageFormats.png24(actual));
      return;
    }
    if (!Files.exists(expectedFile)) {
      fail("no expected image " + expectedFile.toAbsolutePath() + "; create it with -Dgolden.update=true");
    }
    BufferedImage expected = ImageIO.read(expectedFile.toFile());
    if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
      writeDiff(name, actual, null);
      fail(name + ": size " + actual.getWidth() + "x" + actual.getHeight() + ", expected " + expected.getWidth() + "x"
          + expected.getHeight());
    }
    BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_ARGB);
    long differing = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        int a = actual.getRGB(x, y);
        int e = expected.getRGB(x, y);
        boolean off = false;
        for (int shift = 0; shift < 32; shift += 8) {
          if (Math.abs(((a >>> shift) & 255) - ((e >>> shift) & 255)) > CHANNEL_TOLERANCE) {
            off = true;
          }
        }
        if (off) {
          differing++;
          diff.setRGB(x, y, 0xffff0000);
        } else {
          diff.setRGB(x, y, (e & 0x00ffffff) | 0x30000000);
        }
      }
    }
    double share = differing / (double) (actual.getWidth() * actual.getHeight());
    if (share > PIXEL_SHARE) {
      writeDiff(name, actual, diff);
      fail(name + ": " + differing + " pixels (" + String.format("%.2f", share * 100) + " %) differ from "
          + expectedFile + "; see " + DIFF.resolve(name + "-diff.png").toAbsolutePath());
    }
  }

  private static void writeDiff(String name, BufferedImage actual, BufferedImage diff) throws IOException {
    Files.createDirectories(DIFF);
    Files.write(DIFF.resolve(name + "-actual.png"), ImageFormats.png24(actual));
    if (diff != null) {
      Files.write(DIFF.resolve(name + "-diff.png"), ImageFormats.png24(diff));
    }
  }
}
