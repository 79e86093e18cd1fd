package pl.kmzb.render;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG 24-bit (RGB) and 32-bit (RGBA) written here, its rows cut into strips deflated in parallel:
 * deflate is most of a large map's encoding (a 1024² group map with a heat map: 63 ms of one core,
 * 1.5 MB), and PNGJ, like zlib, deflates on one thread. Each strip is raw deflate ending on a byte
 * boundary (a sync flush; the last one finishes the stream), primed with the 32 KB of rows before it
 * so matches reach across the cut as in one stream; the strips joined are one zlib stream, its
 * Adler-32 combined from the strips' (as zlib's {@code adler32_combine}). Rows are not filtered and
 * the level is the one PNGJ used ({@link ImageFormats}).
 *
 * <p>Small images (a 256² tile) are one strip on the caller's thread: splitting them costs more
 * than it saves, and many tiles are drawn at once anyway. Within a strip, rows are made and deflated
 * 256 KB at a time, so the encoder's memory beside the image is its compressed output and a block
 * per strip, as with PNGJ's row-by-row writer.
 */
final class StripedPng {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** Raw bytes per strip at least (about 360² RGBA pixels): below that one strip. */
  static final int MIN_STRIP_BYTES = 512 * 1024;
  private static final int WINDOW = 32 * 1024;
  /** Raw bytes made and deflated at a time within a strip (at least one row). */
  private static final int BLOCK_BYTES = 256 * 1024;
  private static final int ADLER_BASE = 65521;

  private StripedPng() {}

  /** A compressed strip: its deflate bytes, the Adler-32 and length of its raw bytes. */
  private record Strip(byte[] deflated, long adler, long rawLength) {}

  /**
   * Encodes {@code argb} ({@code w × h}, row by row) as PNG, with an alpha channel when {@code alpha}.
   *
   * @param strips the most strips to cut the rows into (1: no parallel work)
   */
  static byte[] encode(int[] argb, int w, int h, boolean alpha, int level, int strips) {
    int channels = alpha ? 4 : 3;
    long rowBytes = 1L + (long) w * channels;
    int n = (int) Math.max(1, Math.min(Math.min(strips, h), rowBytes * h / MIN_STRIP_BYTES));
    Strip[] done = new Strip[n];
    Throwable[] failed = new Throwable[1];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(n);
    // The caller and the helpers claim strips in turn, so a busy pool never makes the caller wait for
    // a strip nobody started: it does them all itself then.
    Runnable work = () -> {
      for (int s = next.getAndIncrement(); s < n; s = next.getAndIncrement()) {
        try {
          done[s] = strip(argb, w, (int) ((long) h * s / n), (int) ((long) h * (s + 1) / n), channels, level,
              s == n - 1);
        } catch (Throwable e) {
          synchronized (failed) {
            failed[0] = e;
          }
        } finally {
          finished.countDown();
        }
      }
    };
    for (int k = 1; k < n; k++) {
      ForkJoinPool.commonPool().execute(work);
    }
    work.run();
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding a PNG", e);
    }
    synchronized (failed) {
      if (failed[0] instanceof RuntimeException r) {
        throw r;
      } else if (failed[0] instanceof Error err) {
        throw err;
      }
    }
    ByteArrayOutputStream idat = new ByteArrayOutputStream(w * h / 2 + 64);
    idat.write(0x78); // zlib: deflate, 32 KB window
    idat.write(0x01); // no preset dictionary; check bits make 0x7801 a multiple of 31
    long adler = 1;
    for (Strip s : done) {
      idat.writeBytes(s.deflated());
      adler = combine(adler, s.adler(), s.rawLength());
    }
    idat.write((int) (adler >>> 24));
    idat.write((int) (adler >>> 16));
    idat.write((int) (adler >>> 8));
    idat.write((int) adler);
    byte[] data = idat.toByteArray();

    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
    out.writeBytes(SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(w).putInt(h).put((byte) 8).put((byte) (alpha ? 6 : 2)).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", data);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * Rows [from, to) as filter-less scanlines, deflated; primed with the rows before them. The rows are
   * made and deflated a block at a time, so a strip holds a block of raw rows, not all of them.
   */
  private static Strip strip(int[] argb, int w, int from, int to, int channels, int level, boolean last) {
    int rowBytes = 1 + w * channels;
    int blockRows = Math.max(1, BLOCK_BYTES / rowBytes);
    byte[] block = new byte[blockRows * rowBytes];
    byte[] buf = new byte[64 * 1024];
    ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * rowBytes / 8 + 64);
    Adler32 adler = new Adler32();
    Deflater d = new Deflater(level, true);
    try {
      if (from > 0) {
        // The window the stream would have here: the last 32 KB of the rows before the strip.
        int primeRows = Math.min(from, Math.min(blockRows, (WINDOW + rowBytes - 1) / rowBytes));
        scanlines(argb, w, from - primeRows, from, channels, block);
        int primeBytes = primeRows * rowBytes;
        int dict = Math.min(WINDOW, primeBytes);
        d.setDictionary(block, primeBytes - dict, dict);
      }
      for (int y = from; y < to; y += blockRows) {
        int rows = Math.min(blockRows, to - y);
        scanlines(argb, w, y, y + rows, channels, block);
        adler.update(block, 0, rows * rowBytes);
        d.setInput(block, 0, rows * rowBytes);
        while (!d.needsInput()) { // all of the block taken in before the block is filled again
          out.write(buf, 0, d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
        }
      }
      if (last) {
        d.finish();
        while (!d.finished()) {
          out.write(buf, 0, d.deflate(buf));
        }
      } else {
        int k;
        do { // ends the strip on a byte boundary, every byte out
          k = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
          out.write(buf, 0, k);
        } while (k == buf.length);
      }
      return new Strip(out.toByteArray(), adler.getValue(), (long) (to - from) * rowBytes);
    } finally {
      d.end();
    }
  }

  /** Rows [from, to) into {@code raw} as PNG scanlines: a filter byte (0, none), then R G B (A) per pixel. */
  private static void scanlines(int[] argb, int w, int from, int to, int channels, byte[] raw) {
    int o = 0;
    for (int y = from; y < to; y++) {
      raw[o++] = 0;
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int p = argb[row + x];
        raw[o] = (byte) (p >> 16);
        raw[o + 1] = (byte) (p >> 8);
        raw[o + 2] = (byte) p;
        if (channels == 4) {
          raw[o + 3] = (byte) (p >>> 24);
        }
        o += channels;
      }
    }
  }

  /** The Adler-32 of two byte runs one after the other, from each one's (zlib's adler32_combine). */
  static long combine(long adler1, long adler2, long length2) {
    long rem = length2 % ADLER_BASE;
    long sum1 = adler1 & 0xffff;
    long sum2 = (rem * sum1) % ADLER_BASE;
    sum1 += (adler2 & 0xffff) + ADLER_BASE - 1;
    sum2 += ((adler1 >> 16) & 0xffff) + ((adler2 >> 16) & 0xffff) + ADLER_BASE - rem;
    if (sum1 >= ADLER_BASE) {
      sum1 -= ADLER_BASE;
    }
    if (sum1 >= ADLER_BASE) {
      sum1 -= ADLER_BASE;
    }
    if (sum2 >= (long) ADLER_BASE << 1) {
      sum2 -= (long) ADLER_BASE << 1;
    }
    if (sum2 >= ADLER_BASE) {
      sum2 -= ADLER_BASE;
    }
    return sum1 | (sum2 << 16);
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
