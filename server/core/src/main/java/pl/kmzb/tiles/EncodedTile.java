package pl.kmzb.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A tile ready to send: gzip-compressed once (nearly every client accepts gzip; the rest get it
 * inflated), with a strong ETag from the content so equal tiles revalidate across restarts and
 * replicas, and the data version it was rendered at.
 */
public record EncodedTile(byte[] gzip, int rawLength, String hash, long version) {
  public static EncodedTile of(byte[] mvt, long version) {
    return new EncodedTile(mvt.length == 0 ? new byte[0] : gzip(mvt), mvt.length, hash(mvt), version);
  }

  public boolean isEmpty() {
    return rawLength == 0;
  }

  /** The ETag of the identity or the gzip representation (they differ, as RFC 9110 asks). */
  public String etag(boolean gzipped) {
    return "\"" + hash + (gzipped ? "-gz" : "") + "\"";
  }

  public byte[] raw() {
    if (rawLength == 0) {
      return gzip;
    }
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes held, for the cache's weigher. */
  int weight() {
    return gzip.length + 64;
  }

  private static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String hash(byte[] raw) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
