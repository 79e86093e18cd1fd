package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Attachment;
import pl.kmzb.report.HistoryEntry;
import pl.kmzb.report.NewAttachment;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.StatusWorkflow;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;
import pl.kmzb.report.WorkflowException;

/**
 * The SQL shared by both stores. Subclasses say how a point and a time are stored, how a bounding
 * box reaches the spatial index, and how many reports are inserted at once.
 */
abstract class JdbcReportStore implements ReportStore {
  /** Columns of an insert after the point columns, in binding order. */
  static final String INSERT_TAIL = "category, status, reported_at, occurred_on, time_of_day, description, source,"
      + " teryt_voivodeship, teryt_county, teryt_municipality, external_id, reporter_ip, synthetic, updated_at";
  static final String INSERT_TAIL_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcReportStore.class);
  protected final DataSource dataSource;
  private final List<ReportListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final String selectReport;
  private final ExprQueries exprQueries;

  JdbcReportStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.selectReport = "SELECT id, category, status, " + pointSelect() + ", reported_at, occurred_on, time_of_day,"
        + " description, description_public, source, teryt_voivodeship, teryt_county, teryt_municipality,"
        + " external_id, deleted, reporter_ip, synthetic, updated_at, version FROM report";
    this.exprQueries = new ExprQueries(this, selectReport, dialect());
  }

  /** The select list and table of a whole report row, for {@link FeatureQueries}; append a WHERE. */
  final String selectReport() {
    return selectReport;
  }

  // --- what differs between stores ---

  /** The SQL dialect filter expressions are written in. */
  abstract ExprSql.Dialect dialect();

  /** Select-list fragment giving columns "lon" and "lat". */
  abstract String pointSelect();

  /** Insert column list for the point, longitude first. */
  abstract String pointColumns();

  /** Values fragment for {@link #pointColumns()}, binding longitude then latitude. */
  abstract String pointValues();

  /** Predicate using the spatial index; binds its parameters from {@code index}, returns the next index. */
  abstract String bboxPredicate();

  abstract int bindBbox(PreparedStatement ps, int index, Envelope box) throws SQLException;

  abstract void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException;

  abstract Instant getInstant(ResultSet rs, String column) throws SQLException;

  abstract void setDate(PreparedStatement ps, int index, LocalDate value) throws SQLException;

  abstract LocalDate getDate(ResultSet rs, String column) throws SQLException;

  /** Suffix locking a selected row until commit ("" where the transaction already excludes writers). */
  abstract String forUpdate();

  abstract boolean isUniqueViolation(SQLException e);

  /**
   * Whether a streaming read must run inside a transaction: PostgreSQL streams with a cursor only
   * there. On SQLite a transaction would begin IMMEDIATE and hold the only write lock for the whole
   * scan; one SELECT in autocommit already reads one WAL snapshot from its first row to its last.
   */
  abstract boolean streamsInTransaction();

  /** Inserts many reports with their history rows inside the caller's transaction. */
  abstract void insertBatch(Connection c, List<NewReport> reports, String actor, Instant now) throws SQLException;

  // --- shared SQL ---

  @Override
  public Report insert(NewReport report, String actor, List<NewAttachment> attachments, RateLimit limit) {
    Report stored = inTransaction(c -> insertIn(c, report, actor, attachments, limit, Instant.now()));
    publish(new ReportEvent(ChangeKind.INSERTED, null, stored));
    return stored;
  }

  private Report insertIn(Connection c, NewReport report, String actor, List<NewAttachment> attachments,
      RateLimit limit, Instant now) throws SQLException {
    if (limit != null) {
      checkRateLimit(c, limit, now);
    }
    long id;
    // reporter_group: the key the citizen limit counts by (see RateLimit), only on reports under a limit.
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO report (" + pointColumns() + ", " + INSERT_TAIL
        + ", reporter_group) VALUES (" + pointValues() + ", " + INSERT_TAIL_VALUES + ", ?) RETURNING id")) {
      int next = bindNew(ps, report, now);
      ps.setString(next, limit == null ? null : limit.group());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("the report insert returned no id");
        }
        id = rs.getLong(1);
        // Step the statement to its end: SQLite (sqlite-jdbc) reports a failure of the write itself, such
        // as SQLITE_FULL, only there, and a closed result set swallows it. SQLite has then rolled the
        // transaction back, and every later statement here would run, and commit, on its own.
        if (rs.next()) {
          throw new SQLException("the report insert returned more than one id");
        }
      }
    }
    appendHistory(c, id, report.reportedAt(), actor, HistoryEntry.Action.CREATED, null, report.status(), null);
    insertAttachments(c, id, attachments);
    return findIn(c, id, "").orElseThrow();
  }

  @Override
  public List<Report> writeAll(List<ReportWrite> writes) {
    List<ReportEvent> events = new ArrayList<>();
    inTransaction(c -> {
      events.clear();
      Instant now = Instant.now();
      for (ReportWrite w : writes) {
        events.add(writeIn(c, w, now));
      }
      return events.size();
    });
    events.forEach(this::publish);
    return events.stream().map(ReportEvent::after).toList();
  }

  private ReportEvent writeIn(Connection c, ReportWrite w, Instant now) throws SQLException {
    if (w instanceof ReportWrite.Insert i) {
      return new ReportEvent(ChangeKind.INSERTED, null, insertIn(c, i.report(), i.actor(), List.of(), null, now));
    }
    if (w instanceof ReportWrite.StatusMove m) {
      return mutateIn(c, m.id(), null, ChangeKind.STATUS_CHANGED, statusMove(m.change()));
    }
    ReportWrite.DescriptionPublic d = (ReportWrite.DescriptionPublic) w;
    return mutateIn(c, d.id(), null, ChangeKind.EDITED, (cc, current, t) -> {
      StatusWorkflow.checkEdit(current, d.actor());
      descriptionPublic(d.actor(), d.isPublic()).apply(cc, current, t);
    });
  }

  /** Serialises concurrent requests from one sender group so two cannot both pass the count. */
  abstract void lockAddress(Connection c, String group) throws SQLException;

  private void checkRateLimit(Connection c, RateLimit limit, Instant now) throws SQLException {
    lockAddress(c, limit.group());
    Optional<Instant> retryAt = retryAt(c, limit, now);
    if (retryAt.isPresent()) {
      throw new RateLimitedException(retryAt.get());
    }
  }

  @Override
  public Optional<Instant> rateLimitedUntil(RateLimit limit) {
    return withConnection(c -> retryAt(c, limit, Instant.now()));
  }

  /** When the max-th most recent report of the group in the window leaves it: a slot frees up then. */
  private Optional<Instant> retryAt(Connection c, RateLimit limit, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT reported_at FROM report WHERE reporter_group = ?"
        + " AND source = 'citizen' AND reported_at > ? ORDER BY reported_at DESC LIMIT 1 OFFSET ?")) {
      ps.setString(1, limit.group());
      setInstant(ps, 2, now.minus(limit.window()));
      ps.setInt(3, limit.max() - 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(getInstant(rs, "reported_at").plus(limit.window())) : Optional.empty();
      }
    }
  }

  private static void insertAttachments(Connection c, long id, List<NewAttachment> attachments) throws SQLException {
    if (attachments.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO attachment (report_id, n, file_name, media_type, size,"
        + " sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int n = 1;
      for (NewAttachment a : attachments) {
        ps.setLong(1, id);
        ps.setInt(2, n++);
        ps.setString(3, a.fileName());
        ps.setString(4, a.mediaType());
        ps.setInt(5, a.content().length);
        ps.setString(6, sha256(a.content()));
        ps.setBytes(7, a.content());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public List<Attachment> attachments(long reportId) {
    return withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT report_id, n, file_name, media_type, size, sha256"
          + " FROM attachment WHERE report_id = ? ORDER BY n")) {
        ps.setLong(1, reportId);
        List<Attachment> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Attachment(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<byte[]> attachmentContent(long reportId, int n) {
    return withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT content FROM attachment WHERE report_id = ? AND n = ?")) {
        ps.setLong(1, reportId);
        ps.setInt(2, n);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public int forgetReporterAddresses(Instant cutoff) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE report SET reporter_ip = NULL, reporter_group = NULL"
          + " WHERE (reporter_ip IS NOT NULL OR reporter_group IS NOT NULL) AND reported_at < ?")) {
        setInstant(ps, 1, cutoff);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public int reassignTeryt(java.util.function.Function<LonLat, Teryt> assign) {
    return inTransaction(c -> {
      List<Long> ids = new ArrayList<>();
      List<Teryt> codes = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, " + pointSelect() + ", teryt_voivodeship, teryt_county,"
          + " teryt_municipality FROM report ORDER BY id")) {
        ps.setFetchSize(10_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Teryt now = new Teryt(rs.getString(4), rs.getString(5), rs.getString(6));
            Teryt next = assign.apply(new LonLat(rs.getDouble("lon"), rs.getDouble("lat")));
            if (!next.equals(now)) {
              ids.add(rs.getLong(1));
              codes.add(next);
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE report SET teryt_voivodeship = ?, teryt_county = ?,"
          + " teryt_municipality = ?, updated_at = ? WHERE id = ?")) {
        Instant now = Instant.now();
        for (int i = 0; i < ids.size(); i++) {
          Teryt t = codes.get(i);
          ps.setString(1, t.voivodeship());
          ps.setString(2, t.county());
          ps.setString(3, t.municipality());
          setInstant(ps, 4, now);
          ps.setLong(5, ids.get(i));
          ps.addBatch();
          if (i % 1_000 == 999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      return ids.size();
    });
  }

  @Override
  public Report setDescriptionPublic(long id, long expectedVersion, Actor actor, boolean isPublic) {
    return mutate(id, expectedVersion, ChangeKind.EDITED, descriptionPublic(actor, isPublic));
  }

  private Mutation descriptionPublic(Actor actor, boolean isPublic) {
    return (c, current, now) -> {
      long id = current.id();
      // As for status moves: a deleted report is kept for the record, not edited.
      if (current.deleted()) {
        throw new WorkflowException(WorkflowException.Reason.DELETED, "report " + id + " is deleted");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE report SET description_public = ?, updated_at = ? WHERE id = ?")) {
        ps.setBoolean(1, isPublic);
        setInstant(ps, 2, now);
        ps.setLong(3, id);
        ps.executeUpdate();
      }
      appendHistory(c, id, now, actor.name(), HistoryEntry.Action.EDITED, current.status(), current.status(),
          isPublic ? "description made public" : "description withdrawn from public view");
    };
  }

  @Override
  public int insertAll(List<NewReport> reports, String actor) {
    if (reports.isEmpty()) {
      return 0;
    }
    long[] from = new long[1];
    int n = inTransaction(c -> {
      from[0] = lastSeqIn(c);
      insertBatch(c, reports, actor, Instant.now());
      return reports.size();
    });
    long to = seqAfterCommit();
    for (ReportListener l : listeners) {
      try {
        l.batchInserted(from[0], to, n);
      } catch (RuntimeException e) {
        LOG.error("report listener failed on a batch of {}", n, e);
      }
    }
    return n;
  }

  /**
   * The end of a committed batch's range for {@link ReportListener#batchInserted}: PostGIS numbers
   * the entries at commit, so only a read after it sees them. The batch has committed, so a failed
   * read must not fail the write: the range is then left open.
   */
  private long seqAfterCommit() {
    try {
      return lastChangeSeq();
    } catch (StoreException e) {
      LOG.warn("could not read the change log's end after a committed batch: {}", e.getMessage());
      return Long.MAX_VALUE;
    }
  }

  @Override
  public ImportResult importReports(List<NewReport> reports, String actor) {
    return importReports(ImportRows.of(reports), actor);
  }

  @Override
  public ImportResult importReports(ImportRows rows, String actor) {
    ImportRows checked = requireExternalIds(rows);
    long[] from = new long[1];
    ImportResult result = inTransaction(c -> {
      from[0] = lastSeqIn(c);
      return importRows(c, checked, actor, Instant.now());
    });
    if (result.inserted() > 0) {
      long to = seqAfterCommit();
      for (ReportListener l : listeners) {
        try {
          l.batchInserted(from[0], to, result.inserted());
        } catch (RuntimeException e) {
          LOG.error("report listener failed on an import of {}", result.inserted(), e);
        }
      }
    }
    return result;
  }

  private static ImportRows requireExternalIds(ImportRows rows) {
    return new ImportRows() {
      @Override
      public NewReport next() {
        NewReport r = rows.next();
        if (r != null && r.externalId() == null) {
          throw new IllegalArgumentException("imported reports need an external id");
        }
        return r;
      }

      @Override
      public long expectedRows() {
        return rows.expectedRows();
      }

      @Override
      public boolean distinctExternalIds() {
        return rows.distinctExternalIds();
      }
    };
  }

  /** Stores the rows not yet stored (by source and external id) with their history, in the caller's transaction. */
  abstract ImportResult importRows(Connection c, ImportRows rows, String actor, Instant now) throws SQLException;

  /** Binds a new report's columns in the order of {@code pointColumns() + INSERT_TAIL}; returns the next index. */
  final int bindNew(PreparedStatement ps, NewReport r, Instant now) throws SQLException {
    int i = 1;
    ps.setDouble(i++, r.location().lon());
    ps.setDouble(i++, r.location().lat());
    ps.setString(i++, r.category());
    ps.setString(i++, r.status().code());
    setInstant(ps, i++, r.reportedAt());
    setDate(ps, i++, r.occurredOn());
    ps.setString(i++, r.timeOfDay() == null ? null : r.timeOfDay().code());
    ps.setString(i++, r.description());
    ps.setString(i++, r.source().code());
    ps.setString(i++, r.teryt().voivodeship());
    ps.setString(i++, r.teryt().county());
    ps.setString(i++, r.teryt().municipality());
    ps.setString(i++, r.externalId());
    ps.setString(i++, r.reporterIp());
    ps.setBoolean(i++, r.synthetic());
    setInstant(ps, i++, now);
    return i;
  }

  @Override
  public Optional<Report> find(long id) {
    return withConnection(c -> findIn(c, id, ""));
  }

  /** Ids per query of {@link #findLive}: below SQLite's oldest limit of 999 bound values. */
  private static final int FIND_CHUNK = 500;

  @Override
  public List<Report> findLive(long[] ids) {
    long[] sorted = ids.clone();
    java.util.Arrays.sort(sorted);
    return withConnection(c -> {
      List<Report> out = new ArrayList<>();
      for (int from = 0; from < sorted.length; from += FIND_CHUNK) {
        int n = Math.min(FIND_CHUNK, sorted.length - from);
        String marks = String.join(", ", java.util.Collections.nCopies(n, "?"));
        try (PreparedStatement ps = c.prepareStatement(selectReport + " WHERE id IN (" + marks + ") AND deleted = ?"
            + " ORDER BY id")) {
          for (int i = 0; i < n; i++) {
            ps.setLong(i + 1, sorted[from + i]);
          }
          ps.setBoolean(n + 1, false);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(read(rs));
            }
          }
        }
      }
      return out;
    });
  }

  private Optional<Report> findIn(Connection c, long id, String suffix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(selectReport + " WHERE id = ?" + suffix)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Report changeStatus(long id, long expectedVersion, StatusChange change) {
    return mutate(id, expectedVersion, ChangeKind.STATUS_CHANGED, statusMove(change));
  }

  private Mutation statusMove(StatusChange change) {
    return (c, current, now) -> {
      StatusWorkflow.check(current, change);
      try (PreparedStatement ps = c.prepareStatement("UPDATE report SET status = ?, updated_at = ? WHERE id = ?")) {
        ps.setString(1, change.to().code());
        setInstant(ps, 2, now);
        ps.setLong(3, current.id());
        ps.executeUpdate();
      }
      appendHistory(c, current.id(), now, change.actor().name(), HistoryEntry.Action.STATUS_CHANGED, current.status(),
          change.to(), change.note());
    };
  }

  @Override
  public Report softDelete(long id, long expectedVersion, Actor actor, String note) {
    return mutate(id, expectedVersion, ChangeKind.DELETED, (c, current, now) -> {
      if (current.deleted()) {
        throw new StoreException(StoreException.Reason.NOT_FOUND, "report " + id + " is already deleted");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE report SET deleted = ?, updated_at = ? WHERE id = ?")) {
        ps.setBoolean(1, true);
        setInstant(ps, 2, now);
        ps.setLong(3, id);
        ps.executeUpdate();
      }
      appendHistory(c, id, now, actor.name(), HistoryEntry.Action.DELETED, current.status(), current.status(), note);
    });
  }

  @FunctionalInterface
  private interface Mutation {
    void apply(Connection c, Report current, Instant now) throws SQLException;
  }

  /** Locks the row, checks its version, applies the change, commits, then tells the listeners. */
  private Report mutate(long id, long expectedVersion, ChangeKind kind, Mutation mutation) {
    ReportEvent event = inTransaction(c -> mutateIn(c, id, expectedVersion, kind, mutation));
    publish(event);
    return event.after();
  }

  /** Inside the caller's transaction; a null {@code expectedVersion} takes the locked row as it is. */
  private ReportEvent mutateIn(Connection c, long id, Long expectedVersion, ChangeKind kind, Mutation mutation)
      throws SQLException {
    Report before = lockForUpdate(c, id, expectedVersion);
    mutation.apply(c, before, Instant.now());
    return new ReportEvent(kind, before, findIn(c, id, "").orElseThrow());
  }

  @Override
  public void subscribe(ReportListener listener) {
    listeners.add(listener);
  }

  /** After commit: a failing listener is logged and never undoes or fails the committed write. */
  private void publish(ReportEvent event) {
    for (ReportListener l : listeners) {
      try {
        l.changed(event);
      } catch (RuntimeException e) {
        LOG.error("report listener failed on {} of report {}", event.kind(), event.after().id(), e);
      }
    }
  }

  private Report lockForUpdate(Connection c, long id, Long expectedVersion) throws SQLException {
    Report current = findIn(c, id, forUpdate())
        .orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND, "no report with id " + id));
    if (expectedVersion != null && current.version() != expectedVersion) {
      throw new StoreException(StoreException.Reason.VERSION_CONFLICT, "report " + id + " is at version "
          + current.version() + ", not " + expectedVersion);
    }
    return current;
  }

  final void appendHistory(Connection c, long id, Instant at, String actor, HistoryEntry.Action action,
      Status from, Status to, String note) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_history"
        + " (report_id, at, actor, action, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      setInstant(ps, 2, at);
      ps.setString(3, actor);
      ps.setString(4, action.code());
      ps.setString(5, from == null ? null : from.code());
      ps.setString(6, to.code());
      ps.setString(7, note);
      ps.executeUpdate();
    }
  }

  @Override
  public List<HistoryEntry> history(long id) {
    return withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT report_id, at, actor, action, from_status, to_status,"
          + " note FROM report_history WHERE report_id = ? ORDER BY id")) {
        ps.setLong(1, id);
        List<HistoryEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String from = rs.getString("from_status");
            out.add(new HistoryEntry(rs.getLong("report_id"), getInstant(rs, "at"), rs.getString("actor"),
                HistoryEntry.Action.ofCode(rs.getString("action")), from == null ? null : Status.ofCode(from),
                Status.ofCode(rs.getString("to_status")), rs.getString("note")));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Page<Report> list(ReportFilter filter, long afterId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return withConnection(c -> {
      FilterSql where = FilterSql.of(filter, this);
      try (PreparedStatement ps = c.prepareStatement(selectReport + " WHERE id > ? AND " + where.sql()
          + " ORDER BY id LIMIT ?")) {
        ps.setLong(1, afterId);
        int next = where.bind(ps, 2);
        ps.setInt(next, limit + 1);
        List<Report> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(read(rs));
          }
        }
        boolean more = items.size() > limit;
        List<Report> page = more ? items.subList(0, limit) : items;
        return new Page<>(page, more ? page.get(page.size() - 1).id() : null);
      }
    });
  }

  /** The plan {@link #scan(pl.kmzb.filter.Expr, pl.kmzb.filter.Queryables, Consumer)} runs (for tests and EXPLAIN). */
  ExprSql.Plan exprPlan(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view) {
    return exprQueries.plan(expr, view);
  }

  @Override
  public Page<Report> list(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view, long afterId, int limit) {
    return exprQueries.list(expr, view, afterId, limit);
  }

  @Override
  public long count(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view) {
    return exprQueries.count(expr, view);
  }

  @Override
  public void scan(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view, Consumer<Report> sink) {
    exprQueries.scan(expr, view, sink);
  }

  @Override
  public long count(ReportFilter filter) {
    return withConnection(c -> {
      FilterSql where = FilterSql.of(filter, this);
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM report WHERE " + where.sql())) {
        where.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public void scan(ReportFilter filter, Consumer<Report> sink, Consumer<UnreadableRowException> unreadable) {
    streamSelected(selectReport, filter, rs -> {
      Report r;
      try {
        r = read(rs);
      } catch (UnreadableRowException e) {
        unreadable.accept(e);
        return;
      }
      sink.accept(r);
    });
  }

  @Override
  public void scanPositions(ReportFilter filter, PositionSink sink) {
    ReportStore.requireInternal(filter);
    streamSelected("SELECT id, " + pointSelect() + " FROM report", filter,
        rs -> sink.accept(rs.getLong(1), rs.getDouble(2), rs.getDouble(3)));
  }

  /** One row of a streamed selection. */
  @FunctionalInterface
  private interface RowHandler {
    void accept(ResultSet rs) throws SQLException;
  }

  /**
   * Streams {@code select}'s rows that {@code filter} selects, in id order, through a cursor (in a
   * read-only transaction where the store streams only so), stopping when the thread is interrupted.
   */
  private void streamSelected(String select, ReportFilter filter, RowHandler each) {
    withConnection(c -> streamRead(dataSource, c, streamsInTransaction(), t -> {
      FilterSql where = FilterSql.of(filter, this);
      try (PreparedStatement ps = t.prepareStatement(select + " WHERE " + where.sql() + " ORDER BY id")) {
        ps.setFetchSize(10_000);
        where.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          for (long row = 0; rs.next(); row++) {
            stopIfInterrupted(row);
            each.accept(rs);
          }
        }
      }
      return null;
    }));
  }

  @Override
  public void firstMovesInto(java.util.Set<Status> into, long fromId, long toId, FirstMoveSink sink) {
    firstMoves(into, "report_id BETWEEN ? AND ?", (ps, at) -> {
      ps.setLong(at, fromId);
      ps.setLong(at + 1, toId);
      return at + 2;
    }, sink);
  }

  @Override
  public void firstMovesInto(java.util.Set<Status> into, long[] ids, FirstMoveSink sink) {
    long[] sorted = ids.clone();
    java.util.Arrays.sort(sorted);
    for (int from = 0; from < sorted.length; from += FIND_CHUNK) {
      int first = from;
      int n = Math.min(FIND_CHUNK, sorted.length - from);
      firstMoves(into, "report_id IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")",
          (ps, at) -> {
            for (int i = 0; i < n; i++) {
              ps.setLong(at + i, sorted[first + i]);
            }
            return at + n;
          }, sink);
    }
  }

  /** Binds the values of a report-id condition from parameter {@code at}; returns the next free parameter. */
  private interface IdBinder {
    int bind(PreparedStatement ps, int at) throws SQLException;
  }

  /** The first move into {@code into} of each report matching {@code idCondition}, ascending by id, streamed. */
  private void firstMoves(java.util.Set<Status> into, String idCondition, IdBinder ids,
      FirstMoveSink sink) {
    if (into.isEmpty()) {
      return;
    }
    List<Status> statuses = List.copyOf(into);
    String marks = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
    withConnection(c -> streamRead(dataSource, c, streamsInTransaction(), t -> {
      try (PreparedStatement ps = t.prepareStatement("SELECT report_id, MIN(at) AS at FROM report_history"
          + " WHERE " + idCondition + " AND action = 'status_changed' AND to_status IN (" + marks + ")"
          + " GROUP BY report_id ORDER BY report_id")) {
        ps.setFetchSize(10_000);
        int at = ids.bind(ps, 1);
        for (int i = 0; i < statuses.size(); i++) {
          ps.setString(at + i, statuses.get(i).code());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(rs.getLong("report_id"), getInstant(rs, "at"));
          }
        }
      }
      return null;
    }));
  }

  @Override
  public List<Change> changesSince(long afterSeq, int limit) {
    return withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, report_id, last_report_id, kind, changed_at"
          + " FROM report_change WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setLong(1, afterSeq);
        ps.setInt(2, limit);
        List<Change> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Change(rs.getLong("seq"), nullableLong(rs, "report_id"), nullableLong(rs, "last_report_id"),
                ChangeKind.ofCode(rs.getString("kind")), getInstant(rs, "changed_at")));
          }
        }
        return out;
      }
    });
  }

  @Override
  public long lastChangeSeq() {
    return withConnection(JdbcReportStore::lastSeqIn);
  }

  private static long lastSeqIn(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM report_change");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * The report of the current row.
   *
   * @throws UnreadableRowException when the domain rejects what is stored (only direct SQL or rows
   *     from before a database check can hold such values)
   */
  final Report read(ResultSet rs) throws SQLException {
    try {
      return readUnchecked(rs);
    } catch (IllegalArgumentException | java.time.DateTimeException | NullPointerException e) {
      throw new UnreadableRowException(rs.getLong("id"), e);
    }
  }

  private Report readUnchecked(ResultSet rs) throws SQLException {
    String tod = rs.getString("time_of_day");
    return new Report(
        rs.getLong("id"),
        rs.getString("category"),
        Status.ofCode(rs.getString("status")),
        new LonLat(rs.getDouble("lon"), rs.getDouble("lat")),
        getInstant(rs, "reported_at"),
        getDate(rs, "occurred_on"),
        tod == null ? null : TimeOfDay.ofCode(tod),
        rs.getString("description"),
        rs.getBoolean("description_public"),
        Source.ofCode(rs.getString("source")),
        new Teryt(rs.getString("teryt_voivodeship"), rs.getString("teryt_county"), rs.getString("teryt_municipality")),
        rs.getString("external_id"),
        rs.getBoolean("deleted"),
        rs.getString("reporter_ip"),
        rs.getBoolean("synthetic"),
        getInstant(rs, "updated_at"),
        rs.getLong("version"));
  }

  // --- connection handling ---

  /**
   * Migrates the schema to the newest version, unless the database was last migrated by these very
   * migration files ({@link MigrationFingerprint}); closes the pool and explains if that fails.
   * Returns whether Flyway ran.
   */
  static boolean migrate(com.zaxxer.hikari.HikariDataSource pool, String location, String what) {
    try {
      String fingerprint = MigrationFingerprint.of(location);
      if (MigrationFingerprint.matches(pool, fingerprint)) {
        return false;
      }
      org.flywaydb.core.Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + location)
          .failOnMissingLocations(true).load().migrate();
      MigrationFingerprint.record(pool, fingerprint);
      return true;
    } catch (RuntimeException | SQLException e) {
      pool.close();
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot migrate " + what + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs a streaming read on {@code c}, in a read-only transaction of its own when {@code
   * transaction} (PostgreSQL streams through a cursor only so), which ends rolled back with the
   * connection's modes set back. The end never hides the read's own failure: a database that went
   * away fails the read with its own SQL state (an outage: 503 + Retry-After), and the pool then
   * fails the rollback with a state-less "Connection is closed", kept only as a suppressed exception.
   */
  static <T> T streamRead(DataSource dataSource, Connection c, boolean transaction, SqlWork<T> read)
      throws SQLException {
    if (!transaction) {
      return read.run(c);
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    c.setReadOnly(true);
    T result;
    try {
      result = read.run(c);
    } catch (Throwable failed) {
      endStream(dataSource, c, autoCommit, failed);
      throw failed;
    }
    endStream(dataSource, c, autoCommit, null);
    return result;
  }

  /**
   * Ends a streaming read's transaction (rolled back) and sets the connection's modes back. A
   * driver left out of step by a read stopped mid-stream fails here (pgjdbc once, in CI, on the
   * rollback of an interrupted scan: "Received resultset tuples, but no field structure for them"):
   * the connection is then never handed on (evicted from the pool and aborted). That failure is
   * added to the read's own ({@code failed}) when there is one, else it is the store's UNAVAILABLE.
   */
  static void endStream(DataSource dataSource, Connection c, boolean autoCommit, Throwable failed) {
    try {
      c.rollback();
      c.setReadOnly(false);
      c.setAutoCommit(autoCommit);
    } catch (SQLException | RuntimeException e) {
      if (failed != null) {
        failed.addSuppressed(e);
        discard(dataSource, c, failed);
        return;
      }
      StoreException failure = new StoreException(StoreException.Reason.UNAVAILABLE,
          "the database connection failed at the end of a read: " + e.getMessage(), e);
      discard(dataSource, c, failure);
      throw failure;
    }
  }

  /**
   * Never hands {@code c} on: evicted from the pool (sqlite-jdbc's abort does not close a
   * connection, so the pool must drop it) and aborted (the session closes, PostgreSQL rolls back);
   * a failure to abort is added to {@code cause}.
   */
  static void discard(DataSource dataSource, Connection c, Throwable cause) {
    if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
      pool.evictConnection(c);
    }
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException f) {
      cause.addSuppressed(f);
    }
  }

  /**
   * Ends a scan of many rows when its thread was interrupted (a server stopping its background
   * work): checked every 4,096 rows, the flag left set for the caller.
   */
  static void stopIfInterrupted(long row) {
    if ((row & 4095) == 0 && Thread.currentThread().isInterrupted()) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "scan stopped: its thread was interrupted");
    }
  }

  final <T> T withConnection(SqlWork<T> work) {
    Long deadline = STATEMENT_DEADLINE.get();
    if (deadline == null) {
      try (Connection c = dataSource.getConnection()) {
        return dropIfLost(c, work);
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (millis <= 0) {
      throw new StatementTimeoutException(kind() + " read not started: its time had run out", null);
    }
    try (Connection c = dataSource.getConnection()) {
      limitStatements(c, deadline, millis);
      T result;
      try {
        result = dropIfLost(c, work);
      } catch (Throwable failed) {
        // The work's own failure is what the caller must hear (a lost database: its SQL state; a
        // cancelled statement: the timeout), not the pool's state-less "Connection is closed" that
        // lifting the limit then meets.
        try {
          unlimitStatements(c);
        } catch (SQLException | RuntimeException e) {
          failed.addSuppressed(e);
        }
        throw failed;
      }
      unlimitStatements(c);
      return result;
    } catch (SQLException e) {
      if (isStatementTimeout(e)) {
        throw new StatementTimeoutException(kind() + " read cancelled after its time ran out", e);
      }
      throw translate(e);
    }
  }

  /**
   * Runs {@code work} on {@code c}; a connection that failed as an outage (its session ended with the
   * database) is dropped from the pool before it goes back. The pool drops such a connection by
   * itself only when the failure passes through its proxy, not when the work used the driver's own
   * connection (binary COPY): handed out again within the pool's 500 ms of trust, it failed every
   * read until it had idled.
   */
  private <T> T dropIfLost(Connection c, SqlWork<T> work) throws SQLException {
    try {
      return work.run(c);
    } catch (SQLException | RuntimeException e) {
      if (StoreFaults.of(e) == StoreFaults.Kind.OUTAGE
          && dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
        pool.evictConnection(c);
      }
      throw e;
    }
  }

  /** The end (System.nanoTime) of the statement time of this thread's {@link #withStatementTimeout}, or null. */
  private static final ThreadLocal<Long> STATEMENT_DEADLINE = new ThreadLocal<>();

  @Override
  public <T> T withStatementTimeout(java.time.Duration limit, java.util.function.Supplier<T> work) {
    Long outer = STATEMENT_DEADLINE.get();
    long deadline = System.nanoTime() + limit.toNanos();
    STATEMENT_DEADLINE.set(outer == null ? deadline : Math.min(outer, deadline));
    try {
      return work.get();
    } finally {
      if (outer == null) {
        STATEMENT_DEADLINE.remove();
      } else {
        STATEMENT_DEADLINE.set(outer);
      }
    }
  }

  /**
   * Makes the database cancel statements on {@code c} that run past {@code deadline}
   * ({@code System.nanoTime}; {@code millis} from now), until {@link #unlimitStatements}.
   */
  abstract void limitStatements(Connection c, long deadline, long millis) throws SQLException;

  /** Lifts {@link #limitStatements} before {@code c} goes back to the pool. */
  abstract void unlimitStatements(Connection c) throws SQLException;

  /** Whether {@code e} is the database cancelling a statement limited by {@link #limitStatements}. */
  abstract boolean isStatementTimeout(SQLException e);

  /** Runs {@code work} in one transaction; returns only after the commit has succeeded. */
  final <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (Throwable e) {
        // Errors too (an OutOfMemoryError midway): turning autocommit back on would commit the
        // half-done work, so roll back, or drop the connection if even that fails.
        rollbackOrAbort(c, e);
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private void rollbackOrAbort(Connection c, Throwable cause) {
    try {
      c.rollback();
      c.setAutoCommit(true);
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
      // Never hand this connection on. SQLite rolls a transaction back by itself on SQLITE_FULL and
      // sqlite-jdbc does not notice: the connection still says autocommit=false, so the next
      // setAutoCommit(false) would begin nothing and its caller's "transaction" would commit statement
      // by statement.
      discard(dataSource, c, cause);
    }
  }

  private StoreException translate(SQLException e) {
    if (ReadOnlyStore.isReadOnlyRefusal(e)) {
      return ReadOnlyStore.refusal(e);
    }
    if (isUniqueViolation(e)) {
      return new StoreException(StoreException.Reason.DUPLICATE_EXTERNAL_ID,
          "a report with this source and external id is already stored", e);
    }
    return new StoreException(StoreException.Reason.UNAVAILABLE, kind() + " store failed: " + e.getMessage(), e);
  }
}
