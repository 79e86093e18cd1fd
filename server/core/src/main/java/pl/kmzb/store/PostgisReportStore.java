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
  private final HikariDataSource pool;

  private PostgisReportStore(HikariDataSource pool) {
    super(pool);
    this.pool = pool;
  }

  /** Connects, migrates the schema to the newest version, and returns the store. */
  public static PostgisReportStore open(String jdbcUrl, String user, String password, int poolSize) {
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
    config.setConnectionTimeout(10_000);
    // An acknowledged write must survive a crash: never let a session turn this off.
    config.setConnectionInitSql("SET synchronous_commit = on");
    HikariDataSource pool = new HikariDataSource(config);
    migrate(pool, "postgis", "PostGIS schema at " + jdbcUrl);
    return new PostgisReportStore(pool);
  }

  /** The pool, for PostGIS-only features (change notifications, COPY) that live beside the store. */
  public javax.sql.DataSource dataSource() {
    return pool;
  }

  @Override
  public String kind() {
    return "postgis";
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

  /** A transaction-scoped advisory lock per address (class 7406, apart from the change log's key). */
  @Override
  void lockAddress(Connection c, String address) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(7406, hashtext(?))")) {
      ps.setString(1, address);
      ps.execute();
    }
  }

  @Override
  String forUpdate() {
    return " FOR UPDATE";
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

  /**
   * COPY into a staging table, then one set-based insert that skips stored external ids and writes
   * the history rows of exactly the new reports. The statement-level triggers log the batch with
   * one INSERT and notify once.
   */
  @Override
  int importBatch(Connection c, List<NewReport> reports, String actor, Instant now) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE import_staging (line integer, lon float8, lat float8, category text, status text,"
          + " reported_at timestamptz, occurred_on date, time_of_day text, description text, source text,"
          + " teryt_voivodeship text, teryt_county text, teryt_municipality text, external_id text,"
          + " synthetic boolean) ON COMMIT DROP");
    }
    copy(c, reports);
    List<String> rebuild = reports.size() >= BULK_MIN && reports.size() > estimatedRows(c) ? dropSecondaryIndexes(c)
        : List.of();
    int inserted;
    try (PreparedStatement ps = c.prepareStatement("WITH ins AS (INSERT INTO report (geom, " + INSERT_TAIL + ")"
        + " SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326), category, status, reported_at, occurred_on, time_of_day,"
        + " description, source, teryt_voivodeship, teryt_county, teryt_municipality, external_id, NULL, synthetic, ?"
        + " FROM import_staging ORDER BY line"
        + " ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING"
        + " RETURNING id, status, reported_at)"
        + " INSERT INTO report_history (report_id, at, actor, action, to_status)"
        + " SELECT id, reported_at, ?, 'created', status FROM ins")) {
      setInstant(ps, 1, now);
      ps.setString(2, actor);
      inserted = ps.executeUpdate();
    }
    try (java.sql.Statement s = c.createStatement()) {
      for (String definition : rebuild) {
        s.execute(definition);
      }
    }
    return inserted;
  }

  /** Imports at least this large, and larger than the table, rebuild the secondary indexes instead of updating them. */
  static final int BULK_MIN = 50_000;

  private static long estimatedRows(Connection c) throws SQLException {
    try (java.sql.Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = 'report'::regclass")) {
      rs.next();
      return Math.max(0, rs.getLong(1));
    }
  }

  /**
   * Drops the indexes that only serve queries (GiST, filters) and returns their definitions. Adding
   * a million points to a GiST index one by one costs several times more than building it sorted
   * afterwards; the primary key and the external-id index stay, as the insert needs them. DDL is
   * transactional, so a failed import leaves every index as it was. Readers wait for the lock
   * while the import runs: bulk loads of this size are maintenance work.
   */
  private static List<String> dropSecondaryIndexes(Connection c) throws SQLException {
    List<String> definitions = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    try (java.sql.Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            + " AND tablename = 'report' AND indexname NOT IN ('report_pkey', 'report_external_id_idx')")) {
      while (rs.next()) {
        names.add(rs.getString(1));
        definitions.add(rs.getString(2));
      }
    }
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("SET LOCAL maintenance_work_mem = '512MB'");
      for (String name : names) {
        s.execute("DROP INDEX " + name);
      }
    }
    return definitions;
  }

  private static void copy(Connection c, List<NewReport> reports) throws SQLException {
    org.postgresql.copy.CopyIn in = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
        .copyIn("COPY import_staging FROM STDIN (FORMAT csv)");
    try {
      StringBuilder sb = new StringBuilder(1 << 16);
      int line = 0;
      for (NewReport r : reports) {
        sb.append(++line).append(',').append(r.location().lon()).append(',').append(r.location().lat());
        csv(sb, r.category());
        csv(sb, r.status().code());
        csv(sb, r.reportedAt().toString());
        csv(sb, r.occurredOn() == null ? null : r.occurredOn().toString());
        csv(sb, r.timeOfDay() == null ? null : r.timeOfDay().code());
        csv(sb, r.description());
        csv(sb, r.source().code());
        csv(sb, r.teryt().voivodeship());
        csv(sb, r.teryt().county());
        csv(sb, r.teryt().municipality());
        csv(sb, r.externalId());
        sb.append(',').append(r.synthetic()).append('\n');
        if (sb.length() > 60_000) {
          byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          in.writeToCopy(bytes, 0, bytes.length);
          sb.setLength(0);
        }
      }
      byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /** A CSV field for COPY: null stays unquoted and empty (NULL), text is always quoted. */
  private static void csv(StringBuilder sb, String v) {
    sb.append(',');
    if (v != null) {
      sb.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
