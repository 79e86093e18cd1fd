package pl.kmzb.render;

import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.PngWriter;
import ar.com.hjg.pngj.chunks.PngChunkPLTE;
import ar.com.hjg.pngj.chunks.PngChunkTRNS;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The map encoders: PNG 24/32-bit by {@link StripedPng} (deflated in parallel strips), 8-bit
 * palette with PNGJ (fast, no ImageIO metadata machinery), JPEG with ImageIO. PNG rows are not
 * filtered and deflate runs at level 4: maps are mostly flat colour, which deflate's matches already
 * catch; on a national 1024² map PNGJ's adaptive filters took 2.5× the time for a larger file
 * (docs/notes/ogc-render.md).
 */
public final class ImageFormats {
  private static final int DEFLATE_LEVEL = 4;

  private ImageFormats() {}

  /** PNG: RGBA (8 bits per channel) when the image has alpha, RGB otherwise. */
  public static byte[] png24(BufferedImage img) {
    return StripedPng.encode(pixels(img), img.getWidth(), img.getHeight(), img.getColorModel().hasAlpha(),
        DEFLATE_LEVEL, Runtime.getRuntime().availableProcessors());
  }

  /** PNG with an 8-bit palette (at most 256 colours, quantised here) and tRNS for transparency. */
  public static byte[] png8(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    Quantiser.Result q = Quantiser.quantise(pixels(img), img.getColorModel().hasAlpha());
    ImageInfo info = new ImageInfo(w, h, 8, false, false, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 8 + 2048);
    PngWriter png = writer(out, info);
    PngChunkPLTE plte = png.getMetadata().createPLTEChunk();
    int n = q.palette().length;
    plte.setNentries(n);
    int lastOpaque = -1;
    for (int i = 0; i < n; i++) {
      int c = q.palette()[i];
      plte.setEntry(i, (c >> 16) & 255, (c >> 8) & 255, c & 255);
      if ((c >>> 24) != 255) {
        lastOpaque = i;
      }
    }
    if (lastOpaque >= 0) {
      PngChunkTRNS trns = png.getMetadata().createTRNSChunk();
      int[] alphas = new int[lastOpaque + 1];
      for (int i = 0; i <= lastOpaque; i++) {
        alphas[i] = q.palette()[i] >>> 24;
      }
      trns.setPalletteAlpha(alphas);
    }
    ImageLineByte line = new ImageLineByte(info);
    byte[] scan = line.getScanlineByte();
    for (int y = 0; y < h; y++) {
      System.arraycopy(q.indexes(), y * w, scan, 0, w);
      png.writeRow(line);
    }
    png.end();
    return out.toByteArray();
  }

  private static PngWriter writer(ByteArrayOutputStream out, ImageInfo info) {
    PngWriter png = new PngWriter(out, info);
    png.setCompLevel(DEFLATE_LEVEL);
    png.setFilterType(FilterType.FILTER_NONE);
    return png;
  }

  /** JPEG (no alpha: a transparent map is flattened on white first). */
  public static byte[] jpeg(BufferedImage img, float quality) {
    BufferedImage rgb = img;
    if (img.getColorModel().hasAlpha() || img.getType() != BufferedImage.TYPE_INT_RGB) {
      rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.drawImage(img, 0, 0, null);
      g.dispose();
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(Math.max(0f, Math.min(1f, quality)));
      writer.write(null, new IIOImage(rgb, null, null), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The image as non-premultiplied ARGB ints (the renderer's own images without a copy). */
  static int[] pixels(BufferedImage img) {
    int type = img.getType();
    if ((type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_RGB)
        && img.getRaster().getDataBuffer() instanceof DataBufferInt db && db.getNumBanks() == 1
        && img.getRaster().getWidth() * img.getRaster().getHeight() == db.getSize()) {
      int[] data = db.getData();
      if (type == BufferedImage.TYPE_INT_RGB) {
        int[] copy = new int[data.length];
        for (int i = 0; i < data.length; i++) {
          copy[i] = data[i] | 0xff000000;
        }
        return copy;
      }
      return data;
    }
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
