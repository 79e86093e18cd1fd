package pl.kmzb.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads what {@link SnapshotOutput} wrote, checking as it goes: a file that ends early, a length
 * larger than what is left of the file, or a checksum that does not match is a
 * {@link SnapshotException}, never an exception of another kind or an allocation the file's size
 * does not justify.
 */
public final class SnapshotInput {
  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private final long size;
  /** Bytes handed out so far (what {@link #remaining} subtracts from the file's size). */
  private long consumed;
  /** The file position the next read of the channel starts at, and where this input's bytes end. */
  private long next;
  private final long end;

  /** The whole file. */
  public SnapshotInput(FileChannel channel) throws IOException {
    this(channel, 0, channel.size());
  }

  /**
   * The {@code length} bytes from file position {@code start}, checked as a file of their own
   * (their last 8 bytes the checksum of the rest). Positional reads: several inputs may read
   * sections of one channel at once, each on its own thread.
   */
  public SnapshotInput(FileChannel channel, long start, long length) throws IOException {
    if (start < 0 || length < 0 || start > channel.size() - length) {
      throw new SnapshotException(length + " bytes at " + start + " in a file of " + channel.size());
    }
    this.channel = channel;
    this.size = length;
    this.next = start;
    this.end = start + length;
    buf.limit(0);
  }

  /** Bytes of the file not read yet, the 8-byte checksum included. */
  public long remaining() {
    return size - consumed;
  }

  public int getInt() throws IOException {
    need(4);
    int at = buf.position();
    int v = buf.getInt();
    counted(at, 4);
    return v;
  }

  public long getLong() throws IOException {
    need(8);
    int at = buf.position();
    long v = buf.getLong();
    counted(at, 8);
    return v;
  }

  public String getString(int maxBytes) throws IOException {
    int n = getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > maxBytes || n > remaining()) {
      throw new SnapshotException("a string of " + n + " bytes");
    }
    byte[] b = new byte[n];
    getBytes(b, 0, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  public void getBytes(byte[] a, int from, int n) throws IOException {
    int i = 0;
    while (i < n) {
      need(1);
      int k = Math.min(n - i, buf.remaining());
      int at = buf.position();
      buf.get(a, from + i, k);
      counted(at, k);
      i += k;
    }
  }

  public void getShorts(short[] a, int n) throws IOException {
    int i = 0;
    while (i < n) {
      need(2);
      int k = Math.min(n - i, buf.remaining() / 2);
      int at = buf.position();
      buf.asShortBuffer().get(a, i, k);
      buf.position(at + 2 * k);
      counted(at, 2 * k);
      i += k;
    }
  }

  public void getChars(char[] a, int n) throws IOException {
    int i = 0;
    while (i < n) {
      need(2);
      int k = Math.min(n - i, buf.remaining() / 2);
      int at = buf.position();
      buf.asCharBuffer().get(a, i, k);
      buf.position(at + 2 * k);
      counted(at, 2 * k);
      i += k;
    }
  }

  public void getInts(int[] a, int n) throws IOException {
    int i = 0;
    while (i < n) {
      need(4);
      int k = Math.min(n - i, buf.remaining() / 4);
      int at = buf.position();
      buf.asIntBuffer().get(a, i, k);
      buf.position(at + 4 * k);
      counted(at, 4 * k);
      i += k;
    }
  }

  public void getLongs(long[] a, int n) throws IOException {
    int i = 0;
    while (i < n) {
      need(8);
      int k = Math.min(n - i, buf.remaining() / 8);
      int at = buf.position();
      buf.asLongBuffer().get(a, i, k);
      buf.position(at + 8 * k);
      counted(at, 8 * k);
      i += k;
    }
  }

  /** Reads the stored checksum and compares it with the one of every byte read before; the file must end there. */
  public void verifyChecksum() throws IOException {
    long expected = crc.getValue();
    need(8);
    long stored = buf.getLong();
    consumed += 8;
    if (stored != expected) {
      throw new SnapshotException("checksum mismatch");
    }
    if (remaining() != 0) {
      throw new SnapshotException(remaining() + " bytes after the checksum");
    }
  }

  private void counted(int at, int n) {
    crc.update(buf.array(), at, n);
    consumed += n;
  }

  /** Makes at least {@code bytes} bytes available in the buffer, or fails: the file ends too early. */
  private void need(int bytes) throws IOException {
    if (buf.remaining() >= bytes) {
      return;
    }
    buf.compact();
    while (buf.position() < bytes) {
      int room = (int) Math.min(buf.remaining(), end - next);
      int read = room == 0 ? -1 : channel.read(buf.limit(buf.position() + room), next);
      buf.limit(buf.capacity());
      if (read < 0) {
        throw new SnapshotException("the file ends early (truncated)");
      }
      next += read;
    }
    buf.flip();
  }
}
