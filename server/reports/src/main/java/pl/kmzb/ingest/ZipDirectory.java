package pl.kmzb.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A ZIP file's entries as its central directory lists them: the list Word, Office and every
 * {@code ZipFile} read. Reading the local headers one after the other instead (as a
 * {@code ZipInputStream} does) can see other entries than Word does, so a check made that way can
 * be shown one file and Word another.
 *
 * <p>Strict, because only well-formed packages need to pass: no ZIP64, no multi-disk archives, no
 * encrypted entries, no two entries of the same name (case-insensitive, as OPC part names are
 * compared), and each entry's local header must carry the same name as its directory entry and
 * lie before the directory. Anything else throws {@link IllegalArgumentException}. Work is bounded
 * by the file's size and {@code maxEntries}; content is inflated only on request and only up to a
 * given size.
 */
final class ZipDirectory {
  /** One central-directory entry. */
  record Entry(String name, int method, long compressedSize, long size, int dataOffset) {}

  private static final int EOCD = 0x06054b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;

  private ZipDirectory() {}

  static List<Entry> read(byte[] b, int maxEntries) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = endOfCentralDirectory(buf);
    int count = buf.getShort(eocd + 10) & 0xFFFF;
    long cdSize = buf.getInt(eocd + 12) & 0xFFFF_FFFFL;
    long cdOffset = buf.getInt(eocd + 16) & 0xFFFF_FFFFL;
    if (buf.getShort(eocd + 4) != 0 || buf.getShort(eocd + 6) != 0 || (buf.getShort(eocd + 8) & 0xFFFF) != count) {
      throw new IllegalArgumentException("a multi-disk archive");
    } else if (count > maxEntries) {
      throw new IllegalArgumentException("more than " + maxEntries + " entries");
    } else if (cdOffset + cdSize > eocd) {
      throw new IllegalArgumentException("the central directory lies outside the file");
    }
    List<Entry> entries = new ArrayList<>(count);
    Set<String> names = new HashSet<>();
    int p = (int) cdOffset;
    for (int i = 0; i < count; i++) {
      if (p + 46 > cdOffset + cdSize || buf.getInt(p) != CENTRAL) {
        throw new IllegalArgumentException("a broken central directory");
      }
      Entry entry = entry(buf, p, (int) cdOffset);
      if (!names.add(entry.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("two entries named " + entry.name());
      }
      entries.add(entry);
      p += 46 + (buf.getShort(p + 28) & 0xFFFF) + (buf.getShort(p + 30) & 0xFFFF) + (buf.getShort(p + 32) & 0xFFFF);
    }
    return entries;
  }

  /** The end-of-central-directory record: must end the file exactly, after its comment. */
  private static int endOfCentralDirectory(ByteBuffer buf) {
    int last = buf.capacity() - 22;
    for (int p = last; p >= 0 && p >= last - 0xFFFF; p--) {
      if (buf.getInt(p) == EOCD && p + 22 + (buf.getShort(p + 20) & 0xFFFF) == buf.capacity()) {
        return p;
      }
    }
    throw new IllegalArgumentException("no end of central directory");
  }

  private static Entry entry(ByteBuffer buf, int p, int cdOffset) {
    int flags = buf.getShort(p + 8) & 0xFFFF;
    int method = buf.getShort(p + 10) & 0xFFFF;
    long compressed = buf.getInt(p + 20) & 0xFFFF_FFFFL;
    long size = buf.getInt(p + 24) & 0xFFFF_FFFFL;
    int nameLength = buf.getShort(p + 28) & 0xFFFF;
    long local = buf.getInt(p + 42) & 0xFFFF_FFFFL;
    if ((flags & 1) != 0) {
      throw new IllegalArgumentException("an encrypted entry");
    } else if (compressed == 0xFFFF_FFFFL || size == 0xFFFF_FFFFL || local == 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("ZIP64");
    }
    String name = name(buf, p + 46, nameLength, flags);
    if (local + 30 > cdOffset || buf.getInt((int) local) != LOCAL) {
      throw new IllegalArgumentException("no local header for " + name);
    }
    int localName = buf.getShort((int) local + 26) & 0xFFFF;
    int localExtra = buf.getShort((int) local + 28) & 0xFFFF;
    if (!name(buf, (int) local + 30, localName, buf.getShort((int) local + 6) & 0xFFFF).equals(name)) {
      throw new IllegalArgumentException("the local header of " + name + " names another file");
    }
    long data = local + 30 + localName + localExtra;
    if (data + compressed > cdOffset) {
      throw new IllegalArgumentException("the data of " + name + " overlaps the central directory");
    }
    return new Entry(name, method, compressed, size, (int) data);
  }

  private static String name(ByteBuffer buf, int offset, int length, int flags) {
    byte[] bytes = new byte[length];
    buf.get(offset, bytes);
    return new String(bytes, (flags & 0x800) != 0 ? UTF_8 : ISO_8859_1);
  }

  /**
   * The entry's content, stored or deflated.
   *
   * @throws IllegalArgumentException if it is larger than {@code maxBytes}, not as long as the
   *     directory says, broken, or compressed another way
   */
  static byte[] content(byte[] b, Entry e, int maxBytes) {
    if (e.size() > maxBytes) {
      throw new IllegalArgumentException(e.name() + " is larger than " + maxBytes + " bytes");
    } else if (e.method() == 0) {
      if (e.compressedSize() != e.size()) {
        throw new IllegalArgumentException("a stored entry whose sizes differ");
      }
      byte[] out = new byte[(int) e.size()];
      System.arraycopy(b, e.dataOffset(), out, 0, out.length);
      return out;
    } else if (e.method() != 8) {
      throw new IllegalArgumentException("compression method " + e.method());
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(b, e.dataOffset(), (int) e.compressedSize());
      byte[] out = new byte[(int) e.size() + 1]; // one more: a longer stream than declared shows
      int n = 0;
      while (n < out.length && !inflater.finished()) {
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0) {
          break; // needs input it will not get, or a dictionary: broken either way
        }
        n += got;
      }
      if (!inflater.finished() || n != e.size()) {
        throw new IllegalArgumentException(e.name() + " does not inflate to its declared size");
      }
      return java.util.Arrays.copyOf(out, n);
    } catch (DataFormatException ex) {
      throw new IllegalArgumentException(e.name() + " is not valid deflate data", ex);
    } finally {
      inflater.end();
    }
  }
}
