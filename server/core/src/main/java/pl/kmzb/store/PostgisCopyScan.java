package pl.kmzb.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;

/**
 * Every report that is not deleted, read from PostGIS as one binary {@code COPY … TO STDOUT}: one
 * sequential pass the server streams without a cursor's round trips, decoded from PostgreSQL's
 * binary row format without going through text. This is what a server that loads its cluster
 * indexes from an empty disk reads ({@link PostgisReportStore#scan} for
 * {@link pl.kmzb.filter.ReportFilter#ALL_INTERNAL}); rows come in id order, like the cursor's.
 */
final class PostgisCopyScan {
  static final String SQL = "COPY (SELECT id, category, status, ST_X(geom), ST_Y(geom), reported_at, occurred_on,"
      + " time_of_day, description, description_public, source, teryt_voivodeship, teryt_county, teryt_municipality,"
      + " external_id, deleted, reporter_ip, synthetic, updated_at, version FROM report WHERE NOT deleted ORDER BY id)"
      + " TO STDOUT (FORMAT binary)";
  private static final int FIELDS = 20;
  private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
  /** PostgreSQL's epoch for timestamps and dates: 2000-01-01T00:00Z, in seconds and days of the Unix epoch. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final long PG_EPOCH_DAYS = 10_957L;

  private final Row in;

  private PostgisCopyScan(InputStream in) {
    this.in = new Row(in);
  }

  static void scan(Connection c, Consumer<Report> sink, Consumer<UnreadableRowException> unreadable)
      throws SQLException {
    try (PGCopyInputStream copy = new PGCopyInputStream(c.unwrap(PGConnection.class), SQL)) {
      new PostgisCopyScan(copy).readAll(sink, unreadable);
    } catch (IOException e) {
      throw new SQLException("binary COPY of the reports failed: " + e.getMessage(), "08000", e);
    }
  }

  private void readAll(Consumer<Report> sink, Consumer<UnreadableRowException> unreadable) throws IOException {
    byte[] signature = in.bytes(SIGNATURE.length);
    if (!java.util.Arrays.equals(signature, SIGNATURE)) {
      throw new IOException("not PostgreSQL's binary COPY format");
    }
    in.int32(); // flags: no OIDs
    in.skip(in.int32()); // header extension
    for (long rows = 0; ; rows++) {
      // Thrown out of the COPY: closing the stream cancels it and the connection stays usable.
      JdbcReportStore.stopIfInterrupted(rows);
      int fields = in.int16();
      if (fields == -1) {
        return;
      }
      if (fields != FIELDS) {
        throw new IOException("a row of " + fields + " fields, expected " + FIELDS);
      }
      Report r;
      long id = in.int64Field();
      try {
        r = row(id);
      } catch (IllegalArgumentException | DateTimeException | NullPointerException e) {
        // The row's remaining fields were read before the domain refused it (see row()).
        unreadable.accept(new UnreadableRowException(id, e));
        continue;
      }
      sink.accept(r);
    }
  }

  /** The rest of the row after its id: every field is read before any is checked, so a refused row leaves the stream in step. */
  private Report row(long id) throws IOException {
    String category = in.text();
    String status = in.text();
    double lon = in.float8Field();
    double lat = in.float8Field();
    Instant reportedAt = in.timestamp();
    LocalDate occurredOn = in.date();
    String timeOfDay = in.text();
    String description = in.text();
    boolean descriptionPublic = in.bool();
    String source = in.text();
    String voivodeship = in.text();
    String county = in.text();
    String municipality = in.text();
    String externalId = in.text();
    boolean deleted = in.bool();
    String reporterIp = in.text();
    boolean synthetic = in.bool();
    Instant updatedAt = in.timestamp();
    long version = in.int64Field();
    return new Report(id, category, Status.ofCode(status), new LonLat(lon, lat), reportedAt, occurredOn,
        timeOfDay == null ? null : TimeOfDay.ofCode(timeOfDay), description, descriptionPublic, Source.ofCode(source),
        new Teryt(voivodeship, county, municipality), externalId, deleted, reporterIp, synthetic, updatedAt, version);
  }

  /** Big-endian fields of the binary format over a buffer refilled from the stream. */
  private static final class Row {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    Row(InputStream in) {
      this.in = in;
    }

    private void need(int n) throws IOException {
      if (limit - pos >= n) {
        return;
      }
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
      while (limit < n) {
        int k = in.read(buf, limit, buf.length - limit);
        if (k < 0) {
          throw new EOFException("the COPY stream ended inside a row");
        }
        limit += k;
      }
    }

    int int16() throws IOException {
      need(2);
      int v = (short) ((buf[pos] & 0xff) << 8 | buf[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    int int32() throws IOException {
      need(4);
      int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | buf[pos + 3] & 0xff;
      pos += 4;
      return v;
    }

    long int64() throws IOException {
      long hi = int32() & 0xffffffffL;
      return hi << 32 | int32() & 0xffffffffL;
    }

    /** A field's length, or -1 for NULL. */
    private int length(int expected) throws IOException {
      int n = int32();
      if (n != -1 && expected > 0 && n != expected) {
        throw new IOException("a field of " + n + " bytes, expected " + expected);
      }
      return n;
    }

    long int64Field() throws IOException {
      if (length(8) < 0) {
        throw new IOException("NULL in a NOT NULL bigint column");
      }
      return int64();
    }

    double float8Field() throws IOException {
      if (length(8) < 0) {
        throw new IOException("NULL coordinate");
      }
      return Double.longBitsToDouble(int64());
    }

    boolean bool() throws IOException {
      if (length(1) < 0) {
        throw new IOException("NULL in a NOT NULL boolean column");
      }
      need(1);
      return buf[pos++] != 0;
    }

    String text() throws IOException {
      int n = length(-1);
      if (n < 0) {
        return null;
      }
      if (n > buf.length) {
        return new String(bytes(n), StandardCharsets.UTF_8);
      }
      need(n);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    /** timestamptz: microseconds since 2000-01-01T00:00Z; ±infinity as the driver reads it through the cursor. */
    Instant timestamp() throws IOException {
      if (length(8) < 0) {
        return null;
      }
      long micros = int64();
      if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
        return (micros > 0 ? java.time.OffsetDateTime.MAX : java.time.OffsetDateTime.MIN).toInstant();
      }
      return Instant.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** date: days since 2000-01-01; ±infinity as the driver reads it through the cursor. */
    LocalDate date() throws IOException {
      if (length(4) < 0) {
        return null;
      }
      int days = int32();
      if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
        return new java.sql.Date(days > 0 ? org.postgresql.PGStatement.DATE_POSITIVE_INFINITY
            : org.postgresql.PGStatement.DATE_NEGATIVE_INFINITY).toLocalDate();
      }
      return LocalDate.ofEpochDay(PG_EPOCH_DAYS + days);
    }

    byte[] bytes(int n) throws IOException {
      byte[] out = new byte[n];
      int done = Math.min(n, limit - pos);
      System.arraycopy(buf, pos, out, 0, done);
      pos += done;
      while (done < n) {
        int k = in.read(out, done, n - done);
        if (k < 0) {
          throw new EOFException("the COPY stream ended inside a field");
        }
        done += k;
      }
      return out;
    }

    void skip(int n) throws IOException {
      bytes(n);
    }
  }
}
