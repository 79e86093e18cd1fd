package pl.kmzb.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.NewReport;

/** The production store: PostgreSQL with PostGIS, migrated by Flyway from {@code db/migration/postgis}. */
public final class PostgisReportStore extends JdbcReportStore {
  private static final int BATCH = 1_000;
  /** postgis.connection-timeout's default, for callers without a configuration (tools, tests). */
  private static final java.time.Duration DEFAULT_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(3);
  private final HikariDataSource pool;

  private PostgisReportStore(HikariDataSource pool) {
    super(pool);
    this.pool = pool;
  }

  /** Connects, migrates the schema to the newest version, and returns the store. */
  public static PostgisReportStore open(String jdbcUrl, String user, String password, int poolSize) {
    return open(jdbcUrl, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * As {@link #open(String, String, String, int)}, with the longest a caller waits for a pooled
   * connection ({@code postgis.connection-timeout}): during an outage every request fails after it.
   */
  public static PostgisReportStore open(String jdbcUrl, String user, String password, int poolSize,
      java.time.Duration connectionTimeout) {
    HikariDataSource pool = new HikariDataSource(poolConfig(jdbcUrl, user, password, poolSize, connectionTimeout));
    migrate(pool, "postgis", "PostGIS schema at " + jdbcUrl);
    return new PostgisReportStore(pool);
  }

  /**
   * Connects a read-only server (a hot standby on a streaming replica): read-only sessions, and no
   * migration, which a standby could not run anyway. The schema must be the one these migration
   * files leave (the primary's servers migrate it, and it replicates); anything else stops the start
   * with one message, since a newer or older schema could fail any read.
   */
  public static PostgisReportStore openReadOnly(String jdbcUrl, String user, String password, int poolSize) {
    return openReadOnly(jdbcUrl, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
  }

  /** As {@link #openReadOnly(String, String, String, int)}, with {@code postgis.connection-timeout}. */
  public static PostgisReportStore openReadOnly(String jdbcUrl, String user, String password, int poolSize,
      java.time.Duration connectionTimeout) {
    HikariConfig config = poolConfig(jdbcUrl, user, password, poolSize, connectionTimeout);
    config.setReadOnly(true);
    HikariDataSource pool = new HikariDataSource(config);
    if (!MigrationFingerprint.matches(pool, MigrationFingerprint.of("postgis"))) {
      pool.close();
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "read-only server (store.read-only=true): the"
          + " PostGIS schema at " + jdbcUrl + " is not the one this server's migrations make; start a server on the"
          + " primary first (it migrates the schema, which then replicates), or run the same version there");
    }
    return new PostgisReportStore(pool);
  }

  private static HikariConfig poolConfig(String jdbcUrl, String user, String password, int poolSize,
      java.time.Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null && !user.isEmpty()) {
      config.setUsername(user);
    }
    if (password != null && !password.isEmpty()) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("kmzb-postgis");
    // Hikari's floor is 250 ms. The wait is what a request spends before its 503 while the database is down.
    config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
    // An acknowledged write must survive a crash: never let a session turn this off.
    config.setConnectionInitSql("SET synchronous_commit = on");
    return config;
  }

  /** The pool, for PostGIS-only features (change notifications, COPY) that live beside the store. */
  public javax.sql.DataSource dataSource() {
    return pool;
  }

  @Override
  public String kind() {
    return "postgis";
  }

  /**
   * Every report that is not deleted ({@code ReportFilter.ALL_INTERNAL}: what the cluster indexes
   * load) as one binary COPY ({@link PostgisCopyScan}); other filters through the cursor.
   */
  @Override
  public void scan(pl.kmzb.filter.ReportFilter filter, java.util.function.Consumer<pl.kmzb.report.Report> sink,
      java.util.function.Consumer<UnreadableRowException> unreadable) {
    if (!filter.equals(pl.kmzb.filter.ReportFilter.ALL_INTERNAL)) {
      super.scan(filter, sink, unreadable);
      return;
    }
    withConnection(c -> {
      PostgisCopyScan.scan(c, sink, unreadable);
      return null;
    });
  }

  @Override
  String pointSelect() {
    return "ST_X(geom) AS lon, ST_Y(geom) AS lat";
  }

  @Override
  String pointColumns() {
    return "geom";
  }

  @Override
  String pointValues() {
    return "ST_SetSRID(ST_MakePoint(?, ?), 4326)";
  }

  @Override
  void limitStatements(Connection c, long deadline, long millis) throws SQLException {
    // Session level, not SET LOCAL: reads run in autocommit as well as in a read-only transaction
    // (cursor streams); statement_timeout counts lock waits too.
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET statement_timeout = " + Math.max(1, millis));
    }
  }

  @Override
  void unlimitStatements(Connection c) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("RESET statement_timeout");
    } catch (SQLException e) {
      // A pooled connection must never keep the limit: throw it away rather than hand it on.
      if (dataSource instanceof HikariDataSource pool) {
        pool.evictConnection(c);
      }
      throw e;
    }
  }

  /** query_canceled: what statement_timeout raises. */
  @Override
  boolean isStatementTimeout(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "57014".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  ExprSql.Dialect dialect() {
    return ExprSql.Dialect.POSTGIS;
  }

  @Override
  String bboxPredicate() {
    return "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";
  }

  @Override
  int bindBbox(PreparedStatement ps, int i, Envelope box) throws SQLException {
    ps.setDouble(i, box.minLon());
    ps.setDouble(i + 1, box.minLat());
    ps.setDouble(i + 2, box.maxLon());
    ps.setDouble(i + 3, box.maxLat());
    return i + 4;
  }

  @Override
  void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
    ps.setObject(i, value == null ? null : value.atOffset(ZoneOffset.UTC));
  }

  @Override
  Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
    return v == null ? null : v.toInstant();
  }

  @Override
  void setDate(PreparedStatement ps, int i, LocalDate value) throws SQLException {
    ps.setObject(i, value, java.sql.Types.DATE);
  }

  @Override
  LocalDate getDate(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  /** A transaction-scoped advisory lock per sender group (class 7406, apart from the change log's key). */
  @Override
  void lockAddress(Connection c, String group) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(7406, hashtext(?))")) {
      ps.setString(1, group);
      ps.execute();
    }
  }

  @Override
  String forUpdate() {
    return " FOR UPDATE";
  }

  /** The driver fetches in pages (a cursor) only inside a transaction. */
  @Override
  boolean streamsInTransaction() {
    return true;
  }

  @Override
  boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** One statement per report inserts it and its history row; the driver pipelines each batch. */
  @Override
  void insertBatch(Connection c, List<NewReport> reports, String actor, Instant now) throws SQLException {
    String sql = "WITH ins AS (INSERT INTO report (" + pointColumns() + ", " + INSERT_TAIL + ") VALUES ("
        + pointValues() + ", " + INSERT_TAIL_VALUES + ") RETURNING id, status, reported_at)"
        + " INSERT INTO report_history (report_id, at, actor, action, to_status)"
        + " SELECT id, reported_at, ?, 'created', status FROM ins";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (NewReport r : reports) {
        int next = bindNew(ps, r, now);
        ps.setString(next, actor);
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Streams the rows with binary COPY; see {@link PostgisImport} for the two ways it stores them. */
  @Override
  ImportResult importRows(Connection c, ImportRows rows, String actor, Instant now) throws SQLException {
    return new PostgisImport(c, actor, now).run(rows);
  }

  @Override
  public void close() {
    pool.close();
  }
}
