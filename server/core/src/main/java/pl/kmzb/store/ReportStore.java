package pl.kmzb.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Attachment;
import pl.kmzb.report.HistoryEntry;
import pl.kmzb.report.NewAttachment;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.StatusChange;

/**
 * Where reports live. Every method that changes data returns only after its transaction has
 * committed durably, and every change is written to the change log in the same transaction.
 * One contract test suite runs against every implementation.
 */
public interface ReportStore extends AutoCloseable {
  /** "embedded" or "postgis", for health output and logs. */
  String kind();

  /** Stores a report and its "created" history entry; returns it with id and version. */
  default Report insert(NewReport report, String actor) {
    return insert(report, actor, List.of(), null);
  }

  /**
   * Stores a report with its attachments (numbered 1…) and its "created" history entry. With a
   * rate limit, first counts the address's recent reports in the same transaction.
   *
   * @throws RateLimitedException when the limit is reached (nothing is stored)
   */
  Report insert(NewReport report, String actor, List<NewAttachment> attachments, RateLimit limit);

  /**
   * When the limit's group may send its next citizen report, or empty if one would be accepted now.
   * Read without any lock, so it can refuse a sender cheaply before a large upload is read;
   * {@link #insert} with the limit stays the check that decides.
   */
  Optional<java.time.Instant> rateLimitedUntil(RateLimit limit);

  /**
   * Applies the writes in order in one transaction (all or nothing): inserts, status moves and
   * description changes, each with the same rules, history rows and change-log rows as its own
   * method; the listeners hear one event per write, in order, after the commit.
   *
   * @return the stored or changed report of each write, in the order of {@code writes}
   * @throws WorkflowException or StoreException from the first write refused (nothing is stored)
   */
  List<pl.kmzb.report.Report> writeAll(List<ReportWrite> writes);

  /** Stores many reports in one transaction (all or nothing), each with its history entry. */
  int insertAll(List<NewReport> reports, String actor);

  /**
   * Imports reports from a police system in one transaction (all or nothing): rows whose (source,
   * external id) is already stored are skipped, so re-running an import changes nothing. One history
   * row per new report; one change-log statement, one notification and one listener call per batch.
   */
  ImportResult importReports(List<NewReport> reports, String actor);

  /**
   * The same, taking the rows while they are still being read: a store may start writing before
   * the last row arrives. When {@code rows} throws, nothing is stored and the exception propagates.
   */
  ImportResult importReports(ImportRows rows, String actor);

  /**
   * A report by id, soft-deleted ones included (callers decide what to show).
   *
   * @throws UnreadableRowException when the stored row is one the domain rejects
   */
  Optional<Report> find(long id);

  /**
   * Moves a report to another status if its version is still {@code expectedVersion} and the
   * workflow allows the move; records the move in the history.
   *
   * @throws StoreException NOT_FOUND or VERSION_CONFLICT
   * @throws pl.kmzb.report.WorkflowException when the workflow forbids the move
   */
  Report changeStatus(long id, long expectedVersion, StatusChange change);

  /**
   * Marks the description publishable (or not) after an officer has read it; recorded in the history.
   *
   * @throws StoreException NOT_FOUND or VERSION_CONFLICT
   * @throws pl.kmzb.report.WorkflowException DELETED for a soft-deleted report
   */
  Report setDescriptionPublic(long id, long expectedVersion, Actor actor, boolean isPublic);

  /** The report's attachments without their content, in order. */
  List<Attachment> attachments(long reportId);

  /** The content of attachment {@code n} of a report. */
  Optional<byte[]> attachmentContent(long reportId, int n);

  /** Forgets the reporter address of every report that came in before {@code cutoff}; returns how many. */
  int forgetReporterAddresses(java.time.Instant cutoff);

  /**
   * Recomputes every report's TERYT codes (after boundaries changed); updates only the reports whose
   * codes differ, in one transaction, and returns how many changed.
   */
  int reassignTeryt(java.util.function.Function<pl.kmzb.geo.LonLat, pl.kmzb.report.Teryt> assign);

  /** Registers a listener for changes committed through this store. */
  void subscribe(ReportListener listener);

  /** Soft-deletes a report (hidden everywhere afterwards) and records it in the history. */
  Report softDelete(long id, long expectedVersion, Actor actor, String note);

  /** The report's history, oldest first. */
  List<HistoryEntry> history(long id);

  /** Reports matching the filter with id greater than {@code afterId}, ascending, at most {@code limit}. */
  Page<Report> list(ReportFilter filter, long afterId, int limit);

  long count(ReportFilter filter);

  /**
   * Reports in the view's selection (not deleted; for the public view, what the public sees) that
   * match a checked expression ({@code Queryables.check}), judged as the view sees them, with id
   * greater than {@code afterId}, ascending, at most {@code limit}.
   */
  Page<Report> list(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view, long afterId, int limit);

  /** How many reports {@link #list(pl.kmzb.filter.Expr, pl.kmzb.filter.Queryables, long, int)} would give in all. */
  long count(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view);

  /** Streams every report that list would give, in id order, without holding them in memory. */
  void scan(pl.kmzb.filter.Expr expr, pl.kmzb.filter.Queryables view, Consumer<Report> sink);

  /**
   * Streams every matching report in id order without holding them all in memory.
   *
   * @throws UnreadableRowException at the first row the domain rejects
   */
  /** A report's id and exact position, as {@link #scanPositions} hands them on. */
  @FunctionalInterface
  interface PositionSink {
    void accept(long id, double lon, double lat);
  }

  /**
   * The ids and exact positions of the reports a police filter ({@link pl.kmzb.filter.Visibility#INTERNAL})
   * selects, in id order, without reading the rest of each report: what an analysis that only
   * places points needs (2 M reports from PostGIS in ≈ 2.1 s against ≈ 7 s as whole reports).
   */
  default void scanPositions(ReportFilter filter, PositionSink sink) {
    requireInternal(filter);
    scan(filter, r -> sink.accept(r.id(), r.location().lon(), r.location().lat()));
  }

  /** Exact positions are for police filters only: the public sees generalised ones (VisibilityPolicy). */
  static void requireInternal(ReportFilter filter) {
    if (filter.visibility() != pl.kmzb.filter.Visibility.INTERNAL) {
      throw new IllegalArgumentException("exact positions are read for police filters only");
    }
  }

  default void scan(ReportFilter filter, Consumer<Report> sink) {
    scan(filter, sink, e -> {
      throw e;
    });
  }

  /**
   * The same, handing each row the domain rejects to {@code unreadable} and going on with the next,
   * for readers that must not stop at one bad row (the tile index).
   */
  void scan(ReportFilter filter, Consumer<Report> sink, Consumer<UnreadableRowException> unreadable);

  /** Receives, per report, the time of its first status move into a set of statuses. */
  @FunctionalInterface
  interface FirstMoveSink {
    void accept(long reportId, java.time.Instant at);
  }

  /**
   * For every report with id in [{@code fromId}, {@code toId}] whose history holds a status change
   * ({@code status_changed}, not the creation) into one of {@code into}, the time of the first such
   * change, ascending by report id, in one streamed query over the history. The statistics' time to
   * verification is read this way when they load, instead of one history read per report.
   */
  void firstMovesInto(java.util.Set<pl.kmzb.report.Status> into, long fromId, long toId, FirstMoveSink sink);

  /**
   * As {@link #firstMovesInto(java.util.Set, long, long, FirstMoveSink)} for the reports among
   * {@code ids} (any order; a few hundred per query): how the statistics' catch-up reads the first
   * verdicts of many scattered changes after a restart, instead of one history read per report.
   */
  void firstMovesInto(java.util.Set<pl.kmzb.report.Status> into, long[] ids, FirstMoveSink sink);

  /**
   * The reports among {@code ids} that exist and are not deleted, in id order: how the cluster
   * index's catch-up reads the reports of many scattered changes (after a restart from a snapshot)
   * in a few queries instead of one per report or a walk through their whole id range.
   *
   * @throws UnreadableRowException at the first row the domain rejects
   */
  default List<Report> findLive(long[] ids) {
    List<Report> out = new java.util.ArrayList<>();
    for (long id : ids) {
      find(id).filter(r -> !r.deleted()).ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparingLong(Report::id));
    return out;
  }

  /** Change-log entries after {@code afterSeq}, ascending, at most {@code limit}. */
  List<Change> changesSince(long afterSeq, int limit);

  /** The newest change-log sequence number, 0 when the log is empty. */
  long lastChangeSeq();

  @Override
  void close();

  /**
   * Runs {@code work} with every SQL statement it runs on this thread cancelled by the database once
   * {@code limit} has passed since this call (a statement started later gets what is left), failing
   * with {@link StatementTimeoutException}: a map drawn from a filter the database cannot answer fast
   * must not hold a connection and a render slot for as long as the query takes. Stores without SQL
   * run {@code work} as it is.
   */
  default <T> T withStatementTimeout(java.time.Duration limit, java.util.function.Supplier<T> work) {
    return work.get();
  }
}
