package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;

/**
 * One import into PostGIS inside the caller's transaction, streamed with binary COPY while the
 * rows are still being read. Two ways, by the expected size against the table's:
 * <ul>
 *   <li><b>staged</b> (the usual, small imports): COPY into a temporary table, then one
 *       {@code INSERT … ON CONFLICT DO NOTHING} whose RETURNING feeds the history rows. Other
 *       writers carry on meanwhile; the log trigger logs the batch with one statement.
 *   <li><b>bulk</b> (at least {@link #BULK_MIN} rows and more than the table holds): lock the
 *       table, take off what is cheaper to rebuild than to maintain ({@link BulkLoadDetour}), COPY
 *       straight into {@code report} with ids drawn here, skipping stored external ids; then COPY
 *       the history rows, log the new id range as one change-log entry and put everything back.
 * </ul>
 */
final class PostgisImport {
  /** Imports at least this large, and larger than the table, take the bulk way. */
  static final int BULK_MIN = 50_000;
  private static final Logger LOG = LoggerFactory.getLogger(PostgisImport.class);
  private static final String COLUMNS = "geom, category, status, reported_at, occurred_on, time_of_day, description,"
      + " source, teryt_voivodeship, teryt_county, teryt_municipality, external_id, synthetic, updated_at";
  private static final int FIELDS = 14;

  private final Connection c;
  private final String actor;
  private final Instant now;

  PostgisImport(Connection c, String actor, Instant now) {
    this.c = c;
    this.actor = actor;
    this.now = now;
  }

  ImportResult run(ImportRows rows) throws SQLException {
    long expected = rows.expectedRows();
    return expected >= BULK_MIN && expected > estimatedTableRows() ? bulk(rows) : staged(rows);
  }

  // --- staged ---

  private ImportResult staged(ImportRows rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE import_staging (line integer, geom geometry, category text, status text,"
          + " reported_at timestamptz, occurred_on date, time_of_day text, description text, source text,"
          + " teryt_voivodeship text, teryt_county text, teryt_municipality text, external_id text,"
          + " synthetic boolean, updated_at timestamptz) ON COMMIT DROP");
    }
    long total = copyStaged(rows);
    try (PreparedStatement ps = c.prepareStatement("WITH ins AS (INSERT INTO report (" + COLUMNS + ")"
        + " SELECT " + COLUMNS + " FROM import_staging ORDER BY line"
        + " ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING"
        + " RETURNING id, status, reported_at)"
        + " INSERT INTO report_history (report_id, at, actor, action, to_status)"
        + " SELECT id, reported_at, ?, 'created', status FROM ins")) {
      ps.setString(1, actor);
      int inserted = ps.executeUpdate();
      return new ImportResult(inserted, Math.toIntExact(total - inserted));
    }
  }

  // --- bulk ---

  private ImportResult bulk(ImportRows rows) throws SQLException {
    long t0 = System.nanoTime();
    // Writers wait from here on, so the stored ids read next stay exact until commit; readers
    // carry on until the first new row shows that the indexes must go.
    lock("SHARE ROW EXCLUSIVE");
    boolean distinct = rows.distinctExternalIds();
    int capacity = distinct ? 16 : (int) Math.min(rows.expectedRows() * 4 / 3 + 16, 1 << 26);
    Map<Source, Set<String>> seen = storedExternalIds(capacity);
    int[] skipped = {0};
    Predicate<NewReport> fresh = r -> {
      Set<String> ids = seen.computeIfAbsent(r.source(), k -> new HashSet<>(capacity));
      // Repeats within the import are skipped like stored ids, unless the source rules them out.
      boolean isNew = distinct ? !ids.contains(r.externalId()) : ids.add(r.externalId());
      if (!isNew) {
        skipped[0]++;
      }
      return isNew;
    };
    ImportRows freshRows = only(rows, fresh);
    NewReport first = freshRows.next();
    if (first == null) {
      return new ImportResult(0, skipped[0]); // a re-run: nothing to rebuild
    }
    lock("ACCESS EXCLUSIVE");
    try (Statement s = c.createStatement()) {
      // Sorts and hashes of a million rows (foreign-key check) stay in memory.
      s.execute("SET LOCAL work_mem = '256MB'");
    }
    BulkLoadDetour detour = BulkLoadDetour.open(c);
    Created created = new Created(firstFreeId());
    copyNumbered(startingWith(first, freshRows), created);
    long t1 = System.nanoTime();
    writeHistory(created);
    if (detour.logTriggerDropped()) {
      logRange(created);
    }
    long t2 = System.nanoTime();
    detour.restore(c);
    long t3 = System.nanoTime();
    LOG.info("bulk import of {} reports: COPY {} ms (overlapping the reading), history and change log {} ms,"
        + " indexes and foreign key rebuilt {} ms", created.count, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000);
    return new ImportResult(created.count, skipped[0]);
  }

  /**
   * What the history needs of each new report, kept while it is COPYed (a few bytes a row instead
   * of the reports themselves): its id is {@code firstId} plus its position.
   */
  private static final class Created {
    final long firstId;
    long[] reportedAtMicros = new long[1 << 16];
    byte[] status = new byte[1 << 16];
    int count;

    Created(long firstId) {
      this.firstId = firstId;
    }

    long add(NewReport r) {
      if (count == status.length) {
        reportedAtMicros = Arrays.copyOf(reportedAtMicros, count * 2);
        status = Arrays.copyOf(status, count * 2);
      }
      reportedAtMicros[count] = BinaryCopyWriter.micros(r.reportedAt());
      status[count] = (byte) r.status().ordinal();
      return firstId + count++;
    }

    long lastId() {
      return firstId + count - 1;
    }
  }

  /**
   * The first id this import gives out. The bulk way numbers its rows itself (so their history can
   * be COPYed too, without reading them back); under the exclusive lock nobody else draws from the
   * identity sequence, which is moved past the last id before commit.
   */
  private long firstFreeId() throws SQLException {
    return queryLong("SELECT greatest(nextval(pg_get_serial_sequence('report', 'id')),"
        + " (SELECT coalesce(max(id), 0) + 1 FROM report))");
  }

  /** COPYs the rows into {@code report} with the ids {@code created} gives them. */
  private void copyNumbered(ImportRows rows, Created created) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY report (id, " + COLUMNS + ") FROM STDIN (FORMAT binary)");
    try {
      BinaryCopyWriter w = new BinaryCopyWriter(in);
      for (NewReport r = rows.next(); r != null; r = rows.next()) {
        w.startRow(FIELDS + 1);
        w.int8(created.add(r));
        write(w, r);
      }
      w.finish();
    } catch (Throwable e) {
      cancel(in, e);
      throw e;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence('report', 'id'), ?)")) {
      ps.setLong(1, created.lastId());
      ps.execute();
    }
  }

  /** One 'created' history row per new report, COPYed (a multi-row insert, unlike INSERT … SELECT). */
  private void writeHistory(Created created) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY report_history (report_id, at, actor, action, to_status) FROM STDIN (FORMAT binary)");
    Status[] statuses = Status.values();
    try {
      BinaryCopyWriter w = new BinaryCopyWriter(in);
      for (int i = 0; i < created.count; i++) {
        w.startRow(5);
        w.int8(created.firstId + i);
        w.timestamptzMicros(created.reportedAtMicros[i]);
        w.text(actor);
        w.text("created");
        w.text(statuses[created.status[i]].code());
      }
      w.finish();
    } catch (Throwable e) {
      cancel(in, e);
      throw e;
    }
  }

  /**
   * One change-log entry for the whole new id range. Under the table lock the range holds exactly
   * this import's reports. The entry is staged like the log trigger's entries: it gets its sequence
   * number, and the one notification goes out, at commit (V17__change_log_seq_at_commit.sql).
   */
  private void logRange(Created created) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_change_pending (xact, report_id,"
        + " last_report_id, kind) VALUES (txid_current(), ?, ?, 'inserted')")) {
      ps.setLong(1, created.firstId);
      if (created.count > 1) {
        ps.setLong(2, created.lastId());
      } else {
        ps.setNull(2, java.sql.Types.BIGINT);
      }
      ps.executeUpdate();
    }
    // after staging: under SET CONSTRAINTS ... IMMEDIATE the move runs at once and must find the entry
    try (Statement s = c.createStatement()) {
      s.execute("SELECT kmzb_queue_publish()");
    }
  }

  private void lock(String mode) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE report IN " + mode + " MODE");
    }
  }

  /** The rows {@code keep} accepts. */
  private static ImportRows only(ImportRows rows, Predicate<NewReport> keep) {
    return () -> {
      NewReport r = rows.next();
      while (r != null && !keep.test(r)) {
        r = rows.next();
      }
      return r;
    };
  }

  /** {@code first}, then the rest of {@code rest}. */
  private static ImportRows startingWith(NewReport first, ImportRows rest) {
    return new ImportRows() {
      private boolean firstTaken;

      @Override
      public NewReport next() {
        if (!firstTaken) {
          firstTaken = true;
          return first;
        }
        return rest.next();
      }
    };
  }

  /**
   * External ids already stored, and so skipped. The table is smaller than the import here, so
   * this costs less than the import itself; the lock keeps it true until commit.
   */
  private Map<Source, Set<String>> storedExternalIds(int capacity) throws SQLException {
    Map<Source, Set<String>> out = new EnumMap<>(Source.class);
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery("SELECT source, external_id FROM report WHERE external_id IS NOT NULL")) {
        while (rs.next()) {
          out.computeIfAbsent(Source.ofCode(rs.getString(1)), k -> new HashSet<>(capacity)).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  // --- shared ---

  /** Streams the rows into the staging table, numbered from 1 (file order); returns how many. */
  private long copyStaged(ImportRows rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY import_staging (line, " + COLUMNS + ") FROM STDIN (FORMAT binary)");
    try {
      BinaryCopyWriter w = new BinaryCopyWriter(in);
      int line = 0;
      for (NewReport r = rows.next(); r != null; r = rows.next()) {
        w.startRow(FIELDS + 1);
        w.int4(++line);
        write(w, r);
      }
      return w.finish();
    } catch (Throwable e) {
      cancel(in, e);
      throw e;
    }
  }

  /**
   * Ends a COPY cut short by {@code cause} (often a bad row in the file; an Error too, or the
   * connection would stay locked in the COPY), keeping {@code cause} the one reported.
   */
  private static void cancel(CopyIn in, Throwable cause) {
    if (in.isActive()) {
      try {
        in.cancelCopy();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** The fields of {@link #COLUMNS}, in order. */
  private void write(BinaryCopyWriter w, NewReport r) throws SQLException {
    w.point(r.location().lon(), r.location().lat(), 4326);
    w.text(r.category());
    w.text(r.status().code());
    w.timestamptz(r.reportedAt());
    w.date(r.occurredOn());
    w.text(r.timeOfDay() == null ? null : r.timeOfDay().code());
    w.text(r.description());
    w.text(r.source().code());
    w.text(r.teryt().voivodeship());
    w.text(r.teryt().county());
    w.text(r.teryt().municipality());
    w.text(r.externalId());
    w.bool(r.synthetic());
    w.timestamptz(now);
  }

  private long estimatedTableRows() throws SQLException {
    return Math.max(0, queryLong("SELECT reltuples::bigint FROM pg_class WHERE oid = 'report'::regclass"));
  }

  private long queryLong(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
