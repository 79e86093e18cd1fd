package pl.kmzb.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.NewReport;

/**
 * The default store: one SQLite file, no server to install. Durability comes from WAL with
 * {@code synchronous=FULL} (every commit is fsynced before it returns); an R*Tree indexes points.
 */
public final class EmbeddedReportStore extends JdbcReportStore {
  private static final int BATCH = 1_000;
  private final HikariDataSource pool;

  private EmbeddedReportStore(HikariDataSource pool) {
    super(pool);
    this.pool = pool;
  }

  /** Opens (creating if needed) the data file, migrates it, and returns the store. */
  public static EmbeddedReportStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot create directory for " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(30_000);
    sqlite.setCacheSize(-65_536);
    // Each insert fires triggers (R*Tree, change log), so SQLite keeps a statement journal per
    // statement; in a temp file that halves insert speed, in memory it costs nothing durable.
    sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
    sqlite.enforceForeignKeys(true);
    // Writers take the write lock when the transaction begins, so two writers never deadlock
    // upgrading read locks; readers (autocommit) are never blocked in WAL mode.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(sqlite);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig config = new HikariConfig();
    config.setDataSource(ds);
    config.setMaximumPoolSize(8);
    config.setPoolName("kmzb-embedded");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
      // A folder, a file without permission, a missing directory: one line naming the file and why.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "embedded store " + file.toAbsolutePath()
          + " cannot be opened: " + cause.getMessage(), e);
    }
    migrate(pool, "sqlite", "embedded store " + file);
    return new EmbeddedReportStore(pool);
  }

  @Override
  public String kind() {
    return "embedded";
  }

  /** SQLite virtual-machine steps between two looks at the clock (a few microseconds of work). */
  private static final int PROGRESS_STEPS = 1_000;

  /**
   * SQLite has no statement timeout: a progress handler, called every {@link #PROGRESS_STEPS} steps
   * of a running statement, interrupts it once the deadline has passed (SQLITE_INTERRUPT).
   */
  @Override
  void limitStatements(Connection c, long deadline, long millis) throws SQLException {
    org.sqlite.ProgressHandler.setHandler(c.unwrap(org.sqlite.SQLiteConnection.class), PROGRESS_STEPS,
        new org.sqlite.ProgressHandler() {
          @Override
          protected int progress() {
            return System.nanoTime() - deadline > 0 ? 1 : 0;
          }
        });
  }

  @Override
  void unlimitStatements(Connection c) throws SQLException {
    org.sqlite.ProgressHandler.clearHandler(c.unwrap(org.sqlite.SQLiteConnection.class));
  }

  @Override
  boolean isStatementTimeout(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_INTERRUPT) {
        return true;
      }
      if (t instanceof SQLException s && s.getErrorCode() == SQLiteErrorCode.SQLITE_INTERRUPT.code) {
        return true;
      }
    }
    return false;
  }

  @Override
  String pointSelect() {
    return "lon, lat";
  }

  @Override
  String pointColumns() {
    return "lon, lat";
  }

  @Override
  String pointValues() {
    return "?, ?";
  }

  /** The R*Tree stores 32-bit floats rounded outwards, so the exact test on lon/lat follows it. */
  @Override
  ExprSql.Dialect dialect() {
    return ExprSql.Dialect.SQLITE;
  }

  @Override
  String bboxPredicate() {
    return "id IN (SELECT id FROM report_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)"
        + " AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?";
  }

  @Override
  int bindBbox(PreparedStatement ps, int i, Envelope box) throws SQLException {
    double[] values = {box.minLon(), box.maxLon(), box.minLat(), box.maxLat(),
        box.minLon(), box.maxLon(), box.minLat(), box.maxLat()};
    for (double v : values) {
      ps.setDouble(i++, v);
    }
    return i;
  }

  @Override
  void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(i, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i, value.toEpochMilli());
    }
  }

  @Override
  Instant getInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  @Override
  void setDate(PreparedStatement ps, int i, LocalDate value) throws SQLException {
    ps.setString(i, value == null ? null : value.toString());
  }

  @Override
  LocalDate getDate(ResultSet rs, String column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? null : LocalDate.parse(v);
  }

  /** Nothing to do: transactions begin IMMEDIATE, so this writer already excludes all others. */
  @Override
  void lockAddress(Connection c, String group) {
    // the write lock is held
  }

  @Override
  String forUpdate() {
    return "";
  }

  /** One SELECT in autocommit is one WAL snapshot; a transaction would take the write lock (IMMEDIATE). */
  @Override
  boolean streamsInTransaction() {
    return false;
  }

  @Override
  boolean isUniqueViolation(SQLException e) {
    return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
        && e.getMessage() != null && e.getMessage().contains("UNIQUE");
  }

  /**
   * Batches the reports, then writes their history rows in one statement: the IMMEDIATE
   * transaction holds the only write lock, so the new ids are exactly those above the old maximum.
   */
  @Override
  void insertBatch(Connection c, List<NewReport> reports, String actor, Instant now) throws SQLException {
    insertWithHistory(c, reports, actor, now, "");
  }

  /**
   * Reads every row before the transaction begins: SQLite has one writer, and its lock should not
   * wait on a file being read.
   */
  @Override
  public ImportResult importReports(ImportRows rows, String actor) {
    return super.importReports(ImportRows.of(rows.toList()), actor);
  }

  /** The same as {@link #insertBatch}, as upserts that skip external ids already stored. */
  @Override
  ImportResult importRows(Connection c, ImportRows rows, String actor, Instant now) throws SQLException {
    List<NewReport> reports = rows.toList();
    int inserted = reports.isEmpty() ? 0 : insertWithHistory(c, reports, actor, now,
        " ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING");
    return new ImportResult(inserted, reports.size() - inserted);
  }

  private int insertWithHistory(Connection c, List<NewReport> reports, String actor, Instant now, String onConflict)
      throws SQLException {
    long before = maxId(c);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO report (" + pointColumns() + ", " + INSERT_TAIL
        + ") VALUES (" + pointValues() + ", " + INSERT_TAIL_VALUES + ")" + onConflict)) {
      int n = 0;
      for (NewReport r : reports) {
        bindNew(ps, r, now);
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    return historyAbove(c, before, actor);
  }

  private static long maxId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM report");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int historyAbove(Connection c, long before, String actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_history (report_id, at, actor, action, to_status)"
        + " SELECT id, reported_at, ?, 'created', status FROM report WHERE id > ? ORDER BY id")) {
      ps.setString(1, actor);
      ps.setLong(2, before);
      return ps.executeUpdate();
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
