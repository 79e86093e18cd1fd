package pl.kmzb.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, sent in 64 KB chunks. Binary spares the server parsing
 * text (timestamps, escapes, geometry) and the client formatting it.
 */
final class BinaryCopyWriter {
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};
  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds and days. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final long PG_EPOCH_DAYS = 10_957L;
  private static final int EWKB_POINT_WITH_SRID = 0x20000001;

  private final CopyIn in;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);

  BinaryCopyWriter(CopyIn in) {
    this.in = in;
    buf.put(HEADER);
  }

  void startRow(int fields) throws SQLException {
    room(2);
    buf.putShort((short) fields);
  }

  void nul() throws SQLException {
    room(4);
    buf.putInt(-1);
  }

  void text(String v) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    if (b.length + 4 > buf.capacity()) {
      flush();
      byte[] len = ByteBuffer.allocate(4).putInt(b.length).array();
      in.writeToCopy(len, 0, 4);
      in.writeToCopy(b, 0, b.length);
      return;
    }
    room(4 + b.length);
    buf.putInt(b.length).put(b);
  }

  void int4(int v) throws SQLException {
    room(8);
    buf.putInt(4).putInt(v);
  }

  void bool(boolean v) throws SQLException {
    room(5);
    buf.putInt(1).put((byte) (v ? 1 : 0));
  }

  void int8(long v) throws SQLException {
    room(12);
    buf.putInt(8).putLong(v);
  }

  void timestamptz(Instant v) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    timestamptzMicros(micros(v));
  }

  /** A timestamp already in {@link #micros} form. */
  void timestamptzMicros(long micros) throws SQLException {
    int8(micros);
  }

  /** Microseconds since 2000-01-01 UTC, rounded like PostgreSQL's text input rounds finer fractions. */
  static long micros(Instant v) {
    return Math.addExact(Math.multiplyExact(v.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
        (v.getNano() + 500) / 1_000);
  }

  void date(LocalDate v) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    room(8);
    buf.putInt(4).putInt(Math.toIntExact(v.toEpochDay() - PG_EPOCH_DAYS));
  }

  /** A point as big-endian EWKB with its SRID, which PostGIS's binary input reads directly. */
  void point(double x, double y, int srid) throws SQLException {
    room(4 + 25);
    buf.putInt(25).put((byte) 0).putInt(EWKB_POINT_WITH_SRID).putInt(srid).putDouble(x).putDouble(y);
  }

  /** Ends the data; returns how many rows the server took. */
  long finish() throws SQLException {
    room(2);
    buf.putShort((short) -1);
    flush();
    return in.endCopy();
  }

  private void room(int bytes) throws SQLException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (buf.position() > 0) {
      in.writeToCopy(buf.array(), 0, buf.position());
      buf.clear();
    }
  }
}
