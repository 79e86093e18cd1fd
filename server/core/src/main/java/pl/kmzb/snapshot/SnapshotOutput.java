package pl.kmzb.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Writes a snapshot file: primitive columns copied in bulk through one buffer (an index of
 * millions of reports is a few hundred MB; a value at a time would take seconds), every byte
 * counted in a CRC-32C that {@link #finish} appends.
 */
public final class SnapshotOutput {
  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();

  public SnapshotOutput(FileChannel channel) {
    this.channel = channel;
  }

  public void putInt(int v) throws IOException {
    room(4);
    buf.putInt(v);
  }

  public void putLong(long v) throws IOException {
    room(8);
    buf.putLong(v);
  }

  /** A string, or null: its UTF-8 length (-1 for null) and bytes. */
  public void putString(String s) throws IOException {
    if (s == null) {
      putInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putInt(b.length);
    putBytes(b, 0, b.length);
  }

  public void putBytes(byte[] a, int from, int n) throws IOException {
    int i = 0;
    while (i < n) {
      room(1);
      int k = Math.min(n - i, buf.remaining());
      buf.put(a, from + i, k);
      i += k;
    }
  }

  public void putShorts(short[] a, int from, int n) throws IOException {
    int i = 0;
    while (i < n) {
      room(2);
      int k = Math.min(n - i, buf.remaining() / 2);
      buf.asShortBuffer().put(a, from + i, k);
      buf.position(buf.position() + 2 * k);
      i += k;
    }
  }

  public void putChars(char[] a, int from, int n) throws IOException {
    int i = 0;
    while (i < n) {
      room(2);
      int k = Math.min(n - i, buf.remaining() / 2);
      buf.asCharBuffer().put(a, from + i, k);
      buf.position(buf.position() + 2 * k);
      i += k;
    }
  }

  public void putInts(int[] a, int from, int n) throws IOException {
    int i = 0;
    while (i < n) {
      room(4);
      int k = Math.min(n - i, buf.remaining() / 4);
      buf.asIntBuffer().put(a, from + i, k);
      buf.position(buf.position() + 4 * k);
      i += k;
    }
  }

  public void putLongs(long[] a, int from, int n) throws IOException {
    int i = 0;
    while (i < n) {
      room(8);
      int k = Math.min(n - i, buf.remaining() / 8);
      buf.asLongBuffer().put(a, from + i, k);
      buf.position(buf.position() + 8 * k);
      i += k;
    }
  }

  /** Writes what is buffered and the checksum of everything written; the channel is not closed. */
  public void finish() throws IOException {
    flush();
    ByteBuffer sum = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).flip();
    while (sum.hasRemaining()) {
      channel.write(sum);
    }
  }

  private void room(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buf.flip();
    crc.update(buf.array(), 0, buf.limit());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }
}
