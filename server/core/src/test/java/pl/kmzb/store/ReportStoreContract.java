package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Attachment;
import pl.kmzb.report.HistoryEntry;
import pl.kmzb.report.NewAttachment;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.WorkflowException;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;
import pl.kmzb.category.CategoryCatalog;

/** The contract every {@link ReportStore} keeps; one subclass per store runs it against real data. */
abstract class ReportStoreContract {
  static final Actor COORDINATOR = new Actor("kpp-krakow-koordynator", Role.LOCAL_COORDINATOR, Set.of("1261"));
  static final Actor OFFICER = new Actor("dzielnicowy-1", Role.OFFICER, Set.of("1261"));
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CategoryCatalog.load(null), p -> Teryt.NONE);

  ReportStore store;

  /** A fresh, empty store. */
  abstract ReportStore openStore() throws Exception;

  /** Runs SQL directly against the store's database, as a DBA would, bypassing the store. */
  abstract void directSql(String sql) throws SQLException;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static NewReport krakowReport(String category, Status status) {
    return new NewReport(category, status, new LonLat(19.9383, 50.0614), Instant.parse("2025-05-04T10:15:30.123Z"),
        java.time.LocalDate.of(2025, 5, 3), pl.kmzb.report.TimeOfDay.EVENING, "Samochody na chodniku przy Rynku",
        Source.CITIZEN, Teryt.ofMunicipality("1261011"), null, "203.0.113.7", false);
  }

  /** Positions alone: the ids and exact positions whole-report scans give, for every police filter; never for a public one. */
  @Test
  void positionsAreThoseOfTheScannedReports() {
    store.insertAll(pl.kmzb.testing.TestReports.random(11, 600), "test");
    Instant a = pl.kmzb.testing.TestReports.SHARED_INSTANTS.get(0);
    for (ReportFilter f : List.of(ReportFilter.ALL_INTERNAL,
        new ReportFilter(Set.of(), Set.of(Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER), Set.of(), a, null,
            Set.of("1261"), null, Visibility.INTERNAL, Set.of()),
        new ReportFilter(Set.of(), Set.of(), Set.of(), null, null, Set.of(), new Envelope(19.95, 50.02, 20.05, 50.1),
            Visibility.INTERNAL, Set.of()))) {
      List<String> whole = new ArrayList<>();
      store.scan(f, r -> whole.add(r.id() + " " + r.location().lon() + " " + r.location().lat()));
      List<String> positions = new ArrayList<>();
      store.scanPositions(f, (id, lon, lat) -> positions.add(id + " " + lon + " " + lat));
      assertEquals(whole, positions, f.toString());
      assertTrue(f == ReportFilter.ALL_INTERNAL || whole.size() < 600, "a real selection");
    }
    assertThrows(IllegalArgumentException.class, () -> store.scanPositions(new ReportFilter(Set.of(), Status.PUBLIC,
        Set.of(), null, null, Set.of(), null, Visibility.PUBLIC, Set.of()), (id, lon, lat) -> { }));
  }

  @Test
  void insertedReportReadsBackWithEveryField() {
    NewReport n = krakowReport("illegal_parking", Status.NEW);
    Report r = store.insert(n, "citizen-form");
    Report found = store.find(r.id()).orElseThrow();
    assertEquals(r, found);
    assertEquals(n.category(), found.category());
    assertEquals(n.status(), found.status());
    assertEquals(n.location(), found.location());
    assertEquals(n.reportedAt(), found.reportedAt());
    assertEquals(n.occurredOn(), found.occurredOn());
    assertEquals(n.timeOfDay(), found.timeOfDay());
    assertEquals(n.description(), found.description());
    assertEquals(n.source(), found.source());
    assertEquals(n.teryt(), found.teryt());
    assertEquals(n.reporterIp(), found.reporterIp());
    assertFalse(found.deleted());
    assertFalse(found.descriptionPublic());
    assertEquals(1, found.version());
    List<HistoryEntry> history = store.history(r.id());
    assertEquals(1, history.size());
    assertEquals(HistoryEntry.Action.CREATED, history.get(0).action());
    assertNull(history.get(0).from());
    assertEquals(Status.NEW, history.get(0).to());
    assertEquals("citizen-form", history.get(0).actor());
  }

  @Test
  void firstMovesIntoReadsTheFirstMoveOfEachReportFromTheHistory() {
    Report a = store.insert(krakowReport("illegal_parking", Status.NEW), "test");
    Report b = store.insert(krakowReport("illegal_parking", Status.CONFIRMED), "test"); // created so: no move
    Report c = store.insert(krakowReport("illegal_parking", Status.NEW), "test");
    a = store.changeStatus(a.id(), a.version(), new StatusChange(ADMIN, Status.VERIFICATION, "take-up"));
    a = store.changeStatus(a.id(), a.version(), new StatusChange(ADMIN, Status.CONFIRMED, "verdict"));
    store.changeStatus(a.id(), a.version(), new StatusChange(ADMIN, Status.CONFIRMED_ELIMINATED, "eliminated"));
    store.changeStatus(c.id(), c.version(), new StatusChange(ADMIN, Status.JOKE_OR_MISTAKE, "joke"));
    Set<Status> verdicts = Set.of(Status.CONFIRMED, Status.CONFIRMED_ELIMINATED, Status.JOKE_OR_MISTAKE);
    java.util.Map<Long, Instant> firsts = new java.util.LinkedHashMap<>();
    store.firstMovesInto(verdicts, 0, Long.MAX_VALUE, firsts::put);
    Instant aFirst = store.history(a.id()).stream().filter(h -> h.to() == Status.CONFIRMED).findFirst().orElseThrow().at();
    Instant cFirst = store.history(c.id()).get(1).at();
    assertEquals(java.util.Map.of(a.id(), aFirst, c.id(), cFirst), firsts);
    assertEquals(List.of(a.id(), c.id()), List.copyOf(firsts.keySet()), "ascending by report id");
    firsts.clear();
    store.firstMovesInto(verdicts, b.id(), c.id(), firsts::put);
    assertEquals(java.util.Map.of(c.id(), cFirst), firsts, "only the ids in range");
    firsts.clear();
    store.firstMovesInto(Set.of(Status.NOT_CONFIRMED), 0, Long.MAX_VALUE, firsts::put);
    assertTrue(firsts.isEmpty());
    firsts.clear();
    store.firstMovesInto(verdicts, new long[] {c.id(), b.id(), 424242, a.id()}, firsts::put);
    assertEquals(java.util.Map.of(a.id(), aFirst, c.id(), cFirst), firsts, "by ids, in any order");
    assertEquals(List.of(a.id(), c.id()), List.copyOf(firsts.keySet()), "ascending by report id");
    firsts.clear();
    store.firstMovesInto(verdicts, new long[] {b.id()}, firsts::put);
    assertTrue(firsts.isEmpty(), "created confirmed: no move");
  }

  @Test
  void firstMovesByIdsReadEveryChunkOfManyIds() {
    List<Report> moved = new ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "test");
      moved.add(i % 3 == 0 ? store.changeStatus(r.id(), r.version(), new StatusChange(ADMIN, Status.CONFIRMED, "v")) : r);
    }
    long[] ids = moved.stream().mapToLong(Report::id).toArray();
    java.util.Map<Long, Instant> firsts = new java.util.HashMap<>();
    store.firstMovesInto(Set.of(Status.CONFIRMED), ids, firsts::put);
    assertEquals(401, firsts.size(), "every third of 1,203 reports over three queries");
    for (int i = 0; i < moved.size(); i += 3) {
      assertTrue(firsts.containsKey(moved.get(i).id()));
    }
  }

  @Test
  void unknownIdIsEmpty() {
    assertTrue(store.find(424242).isEmpty());
  }

  @Test
  void batchInsertStoresEveryReportWithItsHistory() {
    List<NewReport> reports = TestReports.random(7, 2_500);
    assertEquals(2_500, store.insertAll(reports, "import-1"));
    assertEquals(2_500, store.count(ReportFilter.ALL_INTERNAL));
    List<Report> all = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, all::add);
    assertEquals(2_500, all.size());
    for (Report r : List.of(all.get(0), all.get(1234), all.get(2499))) {
      List<HistoryEntry> h = store.history(r.id());
      assertEquals(1, h.size());
      assertEquals(r.status(), h.get(0).to());
      assertEquals("import-1", h.get(0).actor());
    }
    // Stored in input order, so ids follow the input and every field survived the batch path.
    List<NewReport> back = all.stream().map(ReportStoreContract::asNew).toList();
    assertEquals(reports, back);
  }

  static NewReport asNew(Report r) {
    return new NewReport(r.category(), r.status(), r.location(), r.reportedAt(), r.occurredOn(), r.timeOfDay(),
        r.description(), r.source(), r.teryt(), r.externalId(), r.reporterIp(), r.synthetic());
  }

  @Test
  void batchInsertIsAllOrNothing() {
    List<NewReport> reports = new ArrayList<>(TestReports.random(8, 50));
    reports.add(krakowReport("speeding", Status.NEW).withExternalId("dup"));
    reports.add(krakowReport("speeding", Status.NEW).withExternalId("dup"));
    StoreException e = assertThrows(StoreException.class, () -> store.insertAll(reports, "import"));
    assertEquals(StoreException.Reason.DUPLICATE_EXTERNAL_ID, e.reason());
    assertEquals(0, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(0, store.lastChangeSeq());
  }

  @Test
  void externalIdIsUniquePerSource() {
    NewReport a = krakowReport("speeding", Status.NEW).withExternalId("SWD-1");
    store.insert(a, "import");
    StoreException e = assertThrows(StoreException.class, () -> store.insert(a, "import"));
    assertEquals(StoreException.Reason.DUPLICATE_EXTERNAL_ID, e.reason());
    NewReport otherSource = new NewReport(a.category(), a.status(), a.location(), a.reportedAt(), null, null, null,
        Source.POLICE_SYSTEM, a.teryt(), "SWD-1", null, false);
    store.insert(otherSource, "import");
    assertEquals(2, store.count(ReportFilter.ALL_INTERNAL));
  }

  @Test
  void statusChangeFollowsWorkflowAndRecordsHistory() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "citizen-form");
    Report taken = store.changeStatus(r.id(), 1, new StatusChange(COORDINATOR, Status.VERIFICATION, "przydzielono"));
    assertEquals(Status.VERIFICATION, taken.status());
    assertEquals(2, taken.version());
    Report confirmed = store.changeStatus(r.id(), 2, new StatusChange(OFFICER, Status.CONFIRMED, null));
    assertEquals(Status.CONFIRMED, confirmed.status());
    assertEquals(3, confirmed.version());
    assertTrue(!confirmed.updatedAt().isBefore(taken.updatedAt()));
    List<HistoryEntry> h = store.history(r.id());
    assertEquals(3, h.size());
    HistoryEntry move = h.get(1);
    assertEquals(HistoryEntry.Action.STATUS_CHANGED, move.action());
    assertEquals(Status.NEW, move.from());
    assertEquals(Status.VERIFICATION, move.to());
    assertEquals("kpp-krakow-koordynator", move.actor());
    assertEquals("przydzielono", move.note());
    assertEquals(OFFICER.name(), h.get(2).actor());
  }

  @Test
  void writeAllAppliesInsertsAndMovesInOneTransactionAndTellsListenersAfter() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "citizen-form");
    List<ReportEvent> heard = new ArrayList<>();
    store.subscribe(new ReportListener() {
      @Override
      public void changed(ReportEvent event) {
        heard.add(event);
      }

      @Override
      public void batchInserted(long fromSeq, long toSeq, int count) {
        throw new AssertionError("writeAll tells one event per write");
      }
    });
    List<Report> out = store.writeAll(List.of(
        new ReportWrite.Insert(krakowReport("speeding", Status.NEW), "officer-1"),
        new ReportWrite.StatusMove(r.id(), new StatusChange(COORDINATOR, Status.VERIFICATION, null)),
        new ReportWrite.StatusMove(r.id(), new StatusChange(OFFICER, Status.CONFIRMED, null)),
        new ReportWrite.DescriptionPublic(r.id(), OFFICER, true)));
    assertEquals(4, out.size());
    assertEquals("speeding", out.get(0).category());
    assertEquals(out.get(0), store.find(out.get(0).id()).orElseThrow());
    assertEquals("officer-1", store.history(out.get(0).id()).get(0).actor());
    Report after = store.find(r.id()).orElseThrow();
    assertEquals(Status.CONFIRMED, after.status());
    assertTrue(after.descriptionPublic());
    assertEquals(after, out.get(3));
    assertEquals(4, store.history(r.id()).size());
    assertEquals(List.of(ChangeKind.INSERTED, ChangeKind.STATUS_CHANGED, ChangeKind.STATUS_CHANGED, ChangeKind.EDITED),
        heard.stream().map(ReportEvent::kind).toList());
    assertEquals(Status.NEW, heard.get(1).before().status());
  }

  @Test
  void writeAllStoresNothingWhenOneWriteIsRefused() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "citizen-form");
    long seq = store.lastChangeSeq();
    Actor elsewhere = new Actor("kmp-gdansk", Role.OFFICER, Set.of("2261"));
    // The insert and the first move are fine; the officer may not move a new report: nothing is kept.
    WorkflowException e = assertThrows(WorkflowException.class, () -> store.writeAll(List.of(
        new ReportWrite.Insert(krakowReport("speeding", Status.NEW), "officer-1"),
        new ReportWrite.DescriptionPublic(r.id(), OFFICER, true),
        new ReportWrite.StatusMove(r.id(), new StatusChange(OFFICER, Status.CONFIRMED, null)))));
    assertEquals(WorkflowException.Reason.FORBIDDEN_MOVE, e.reason());
    WorkflowException outside = assertThrows(WorkflowException.class, () -> store.writeAll(List.of(
        new ReportWrite.DescriptionPublic(r.id(), elsewhere, true))));
    assertEquals(WorkflowException.Reason.OUTSIDE_AREA, outside.reason());
    assertEquals(1, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(r, store.find(r.id()).orElseThrow());
    assertEquals(seq, store.lastChangeSeq());
  }

  @Test
  void staleVersionIsAConflictAndChangesNothing() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "citizen-form");
    store.changeStatus(r.id(), 1, new StatusChange(COORDINATOR, Status.VERIFICATION, null));
    long seq = store.lastChangeSeq();
    StoreException e = assertThrows(StoreException.class,
        () -> store.changeStatus(r.id(), 1, new StatusChange(COORDINATOR, Status.JOKE_OR_MISTAKE, null)));
    assertEquals(StoreException.Reason.VERSION_CONFLICT, e.reason());
    assertEquals(Status.VERIFICATION, store.find(r.id()).orElseThrow().status());
    assertEquals(2, store.history(r.id()).size());
    assertEquals(seq, store.lastChangeSeq());
  }

  @Test
  void forbiddenMoveChangesNothing() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "citizen-form");
    long seq = store.lastChangeSeq();
    WorkflowException e = assertThrows(WorkflowException.class,
        () -> store.changeStatus(r.id(), 1, new StatusChange(OFFICER, Status.CONFIRMED, null)));
    assertEquals(WorkflowException.Reason.FORBIDDEN_MOVE, e.reason());
    Actor elsewhere = new Actor("kmp-gdansk", Role.LOCAL_COORDINATOR, Set.of("2261"));
    WorkflowException outside = assertThrows(WorkflowException.class,
        () -> store.changeStatus(r.id(), 1, new StatusChange(elsewhere, Status.VERIFICATION, null)));
    assertEquals(WorkflowException.Reason.OUTSIDE_AREA, outside.reason());
    Report after = store.find(r.id()).orElseThrow();
    assertEquals(Status.NEW, after.status());
    assertEquals(1, after.version());
    assertEquals(1, store.history(r.id()).size());
    assertEquals(seq, store.lastChangeSeq());
  }

  @Test
  void missingReportIsNotFound() {
    StoreException e = assertThrows(StoreException.class,
        () -> store.changeStatus(999, 1, new StatusChange(ADMIN, Status.VERIFICATION, "x")));
    assertEquals(StoreException.Reason.NOT_FOUND, e.reason());
  }

  @Test
  void softDeleteHidesTheReportEverywhereButKeepsIt() {
    Report keep = store.insert(krakowReport("illegal_parking", Status.CONFIRMED), "form");
    Report gone = store.insert(krakowReport("illegal_parking", Status.CONFIRMED), "form");
    Report deleted = store.softDelete(gone.id(), 1, ADMIN, "duplikat");
    assertTrue(deleted.deleted());
    assertEquals(2, deleted.version());
    ReportFilter publicAll = POLICY.publicFilter();
    assertEquals(1, store.count(publicAll));
    assertEquals(1, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(List.of(keep.id()), store.list(ReportFilter.ALL_INTERNAL, 0, 10).items().stream().map(Report::id).toList());
    assertTrue(store.find(gone.id()).orElseThrow().deleted());
    HistoryEntry last = store.history(gone.id()).get(1);
    assertEquals(HistoryEntry.Action.DELETED, last.action());
    assertEquals("duplikat", last.note());
    StoreException again = assertThrows(StoreException.class, () -> store.softDelete(gone.id(), 2, ADMIN, null));
    assertEquals(StoreException.Reason.NOT_FOUND, again.reason());
    assertThrows(WorkflowException.class,
        () -> store.changeStatus(gone.id(), 2, new StatusChange(ADMIN, Status.CONFIRMED_ELIMINATED, "x")));
  }

  @Test
  void filtersMatchTheInMemoryPredicate() {
    List<NewReport> reports = TestReports.random(11, 3_000);
    store.insertAll(reports, "import");
    List<Report> all = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, all::add);
    store.softDelete(all.get(5).id(), all.get(5).version(), ADMIN, "test");
    all.set(5, store.find(all.get(5).id()).orElseThrow());
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 60; i++) {
      ReportFilter f = randomFilter(rnd);
      Set<Long> expected = all.stream().filter(f::test).map(Report::id).collect(Collectors.toSet());
      List<Report> got = new ArrayList<>();
      store.scan(f, got::add);
      assertEquals(expected, got.stream().map(Report::id).collect(Collectors.toSet()), "filter " + f.cacheKey());
      assertEquals(expected.size(), store.count(f), "count for " + f.cacheKey());
      assertTrue(isAscending(got), "scan in id order");
    }
  }

  static boolean isAscending(List<Report> reports) {
    for (int i = 1; i < reports.size(); i++) {
      if (reports.get(i - 1).id() >= reports.get(i).id()) {
        return false;
      }
    }
    return true;
  }

  static ReportFilter randomFilter(SplittableRandom rnd) {
    Set<String> cats = pick(rnd, TestReports.CATEGORIES);
    Visibility vis = rnd.nextBoolean() ? Visibility.PUBLIC : Visibility.INTERNAL;
    List<Status> statusPool = vis == Visibility.PUBLIC ? List.copyOf(Status.PUBLIC) : List.of(Status.values());
    Set<Status> statuses = pick(rnd, statusPool);
    // Public filters have no source and no spatial part (those are answered at public positions).
    boolean pub = vis == Visibility.PUBLIC;
    Set<Source> sources = pub ? Set.of() : pick(rnd, List.of(Source.values()));
    List<Instant> instants = TestReports.SHARED_INSTANTS;
    Instant from = rnd.nextInt(3) == 0 ? instants.get(rnd.nextInt(2)) : null;
    Instant to = rnd.nextInt(3) == 0 ? instants.get(2) : null;
    Set<String> areas = pub ? Set.of() : pick(rnd, List.of("12", "14", "1261", "1206", "1261011", "1465022"));
    Envelope box = !pub && rnd.nextInt(3) == 0 ? new Envelope(19.95, 50.03, 19.95 + rnd.nextInt(20) / 100.0, 50.10) : null;
    Set<String> hidden = vis == Visibility.PUBLIC ? Set.of("dangerous_entertainment_venue") : Set.of();
    return new ReportFilter(cats, statuses, sources, from, to, areas, box, vis, hidden);
  }

  static <T> Set<T> pick(SplittableRandom rnd, List<T> pool) {
    Set<T> out = new HashSet<>();
    if (rnd.nextInt(3) == 0) {
      int n = 1 + rnd.nextInt(pool.size());
      for (int i = 0; i < n; i++) {
        out.add(pool.get(rnd.nextInt(pool.size())));
      }
    }
    return out;
  }

  @Test
  void findLiveReadsTheReportsAmongIdsThatExistAndAreNotDeleted() {
    store.insertAll(pl.kmzb.testing.TestReports.random(3, 1_200), "test");
    Report gone = store.find(600).orElseThrow();
    store.softDelete(gone.id(), gone.version(), ADMIN, "test");
    // More ids than one query takes, unsorted, with a deleted one and some that never existed.
    long[] ids = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(5_000, 99_999, 1),
        java.util.stream.LongStream.iterate(1_200, i -> i >= 2, i -> i - 2)).toArray();
    List<Report> live = store.findLive(ids);
    List<Long> expected = java.util.Arrays.stream(ids).filter(i -> i <= 1_200 && i != 600).sorted().boxed().toList();
    assertEquals(expected, live.stream().map(Report::id).toList());
    for (Report r : live) {
      assertEquals(store.find(r.id()).orElseThrow(), r);
    }
  }

  @Test
  void keysetPagesCoverEveryReportOnce() {
    store.insertAll(TestReports.random(12, 1_037), "import");
    ReportFilter f = POLICY.publicFilter();
    List<Report> paged = new ArrayList<>();
    long after = 0;
    int pages = 0;
    while (true) {
      Page<Report> page = store.list(f, after, 100);
      paged.addAll(page.items());
      pages++;
      if (page.nextAfterId() == null) {
        break;
      }
      after = page.nextAfterId();
    }
    assertEquals(store.count(f), paged.size());
    assertTrue(isAscending(paged));
    assertEquals(paged.size() / 100 + (paged.size() % 100 == 0 ? 0 : 1), pages);
  }

  @Test
  void changeLogRecordsEveryKindInCommitOrder() {
    Report a = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    Report b = store.insert(krakowReport("speeding", Status.NEW), "form");
    store.changeStatus(a.id(), 1, new StatusChange(COORDINATOR, Status.VERIFICATION, null));
    store.softDelete(b.id(), 1, ADMIN, "spam");
    List<Change> log = store.changesSince(0, 100);
    assertEquals(List.of(ChangeKind.INSERTED, ChangeKind.INSERTED, ChangeKind.STATUS_CHANGED, ChangeKind.DELETED),
        log.stream().map(Change::kind).toList());
    assertEquals(List.of(a.id(), b.id(), a.id(), b.id()), log.stream().map(Change::reportId).toList());
    assertTrue(log.stream().map(Change::seq).sorted().toList().equals(log.stream().map(Change::seq).toList()));
    assertEquals(log.get(3).seq(), store.lastChangeSeq());
    assertEquals(log.subList(2, 4), store.changesSince(log.get(1).seq(), 100));
    assertEquals(log.subList(0, 1), store.changesSince(0, 1));
    assertTrue(log.get(0).at() != null);
  }

  @Test
  void directSqlEditsAreLoggedAndBumpTheVersion() throws SQLException {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    long seq = store.lastChangeSeq();
    directSql("UPDATE report SET description = 'poprawione ręcznie' WHERE id = " + r.id());
    directSql("UPDATE report SET status = 'confirmed' WHERE id = " + r.id());
    directSql("INSERT INTO report (category, status, " + pointColumnsFor() + ", reported_at, source, updated_at) VALUES "
        + directInsertValues());
    List<Change> log = store.changesSince(seq, 10);
    assertEquals(List.of(ChangeKind.EDITED, ChangeKind.STATUS_CHANGED, ChangeKind.INSERTED),
        log.stream().map(Change::kind).toList());
    Report after = store.find(r.id()).orElseThrow();
    assertEquals(3, after.version());
    assertEquals("poprawione ręcznie", after.description());
    assertTrue(after.updatedAt().isAfter(r.updatedAt()) || after.updatedAt().equals(r.updatedAt()));
    // The stale version no longer matches: a direct edit cannot be overwritten unseen.
    assertThrows(StoreException.class,
        () -> store.changeStatus(r.id(), 1, new StatusChange(OFFICER, Status.CONFIRMED_ELIMINATED, null)));
  }

  /** Point columns for a hand-written INSERT. */
  abstract String pointColumnsFor();

  /** Values for (category, status, point..., reported_at, source, updated_at) in this store's types. */
  abstract String directInsertValues();

  @Test
  void historyIsAppendOnly() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    assertThrows(SQLException.class, () -> directSql("UPDATE report_history SET note = 'x' WHERE report_id = " + r.id()));
    assertThrows(SQLException.class, () -> directSql("DELETE FROM report_history WHERE report_id = " + r.id()));
    assertEquals(1, store.history(r.id()).size());
  }

  @Test
  void databaseRejectsOverlongDescriptions() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    String tooLong = "x".repeat(501);
    assertThrows(SQLException.class,
        () -> directSql("UPDATE report SET description = '" + tooLong + "' WHERE id = " + r.id()));
    assertEquals(krakowReport("illegal_parking", Status.NEW).description(), store.find(r.id()).orElseThrow().description());
  }

  @Test
  void publicViewHidesNonPublicStatusesAndUnconfirmedRestrictedCategories() {
    store.insert(krakowReport("dangerous_entertainment_venue", Status.VERIFICATION), "form");
    Report confirmed = store.insert(krakowReport("dangerous_entertainment_venue", Status.CONFIRMED), "form");
    store.insert(krakowReport("illegal_parking", Status.NOT_CONFIRMED), "form");
    store.insert(krakowReport("illegal_parking", Status.JOKE_OR_MISTAKE), "form");
    Report visible = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    store.insert(krakowReport("ufo_sighting", Status.CONFIRMED), "form");
    ReportFilter pub = POLICY.publicFilter();
    List<Report> got = new ArrayList<>();
    store.scan(pub, got::add);
    got.sort(Comparator.comparingLong(Report::id));
    assertEquals(List.of(confirmed.id(), visible.id()), got.stream().map(Report::id).toList());
    assertEquals(6, store.count(ReportFilter.ALL_INTERNAL));
  }

  @Test
  void theStoresPublicSelectionIsTheVisibilityPolicy() {
    List<NewReport> reports = new ArrayList<>(TestReports.random(13, 2_000));
    reports.add(krakowReport("ufo_sighting", Status.NEW));
    store.insertAll(reports, "import");
    List<Report> all = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, all::add);
    store.softDelete(all.get(7).id(), all.get(7).version(), ADMIN, "test");
    all.set(7, store.find(all.get(7).id()).orElseThrow());
    Set<Long> expected = all.stream().filter(POLICY::isPublic).map(Report::id).collect(Collectors.toSet());
    List<Report> got = new ArrayList<>();
    store.scan(POLICY.publicFilter(), got::add);
    assertEquals(expected, got.stream().map(Report::id).collect(Collectors.toSet()));
    assertTrue(expected.size() > 100 && expected.size() < all.size() - 100, "a mix of public and hidden reports");
  }

  @Test
  void publicAreaAndBboxFiltersAreRefusedBecauseTheStoreHoldsExactPositions() {
    ReportFilter pub = POLICY.publicFilter();
    ReportFilter area = new ReportFilter(pub.categories(), pub.statuses(), Set.of(), null, null, Set.of("12"), null,
        Visibility.PUBLIC, pub.hiddenUnlessConfirmed());
    assertThrows(IllegalArgumentException.class, () -> store.count(area));
    assertThrows(IllegalArgumentException.class, () -> store.scan(pub.withBbox(new Envelope(19, 50, 20, 51)), r -> {}));
  }

  @Test
  void attachmentsAreStoredWithTheReport() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    byte[] txt = "zażółć".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form",
        List.of(new NewAttachment("zdjecie.png", "image/png", png), new NewAttachment("opis.txt", "text/plain; charset=utf-8", txt)),
        null);
    List<Attachment> list = store.attachments(r.id());
    assertEquals(2, list.size());
    assertEquals(new Attachment(r.id(), 1, "zdjecie.png", "image/png", png.length, JdbcReportStore.sha256(png)), list.get(0));
    assertEquals(2, list.get(1).n());
    assertTrue(java.util.Arrays.equals(txt, store.attachmentContent(r.id(), 2).orElseThrow()));
    assertTrue(store.attachmentContent(r.id(), 3).isEmpty());
    assertTrue(store.attachments(r.id() + 1).isEmpty());
  }

  @Test
  void rateLimitCountsOnlyStoredCitizenReportsInTheWindow() {
    RateLimit limit = new RateLimit("198.51.100.4", 2, java.time.Duration.ofHours(24));
    NewReport citizen = citizenFrom("198.51.100.4", Instant.now());
    store.insert(citizen, "form", List.of(), limit);
    Report second = store.insert(citizen, "form", List.of(), limit);
    long seq = store.lastChangeSeq();
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> store.insert(citizen, "form", List.of(), limit));
    // The second most recent report leaves the window first.
    assertTrue(!e.retryAt().isBefore(second.reportedAt().plus(java.time.Duration.ofHours(24)).minusSeconds(1)));
    assertEquals(seq, store.lastChangeSeq(), "a refused report leaves no trace");
    assertEquals(2, store.count(ReportFilter.ALL_INTERNAL));
    // Another address, and reports older than the window, do not count.
    store.insert(citizenFrom("198.51.100.5", Instant.now()), "form", List.of(),
        new RateLimit("198.51.100.5", 2, java.time.Duration.ofHours(24)));
    RateLimit tight = new RateLimit("203.0.113.9", 1, java.time.Duration.ofHours(24));
    store.insert(citizenFrom("203.0.113.9", Instant.now().minus(java.time.Duration.ofHours(25))), "import");
    store.insert(citizenFrom("203.0.113.9", Instant.now()), "form", List.of(), tight);
    assertThrows(RateLimitedException.class, () -> store.insert(citizenFrom("203.0.113.9", Instant.now()), "form", List.of(), tight));
  }

  @Test
  void rateLimitCountsTheSenderGroupNotTheExactAddress() {
    java.time.Duration day = java.time.Duration.ofHours(24);
    RateLimit home = new RateLimit("2001:db8:1:2::/64", 1, day);
    store.insert(citizenFrom("2001:db8:1:2::1", Instant.now()), "form", List.of(), home);
    assertThrows(RateLimitedException.class,
        () -> store.insert(citizenFrom("2001:db8:1:2::99", Instant.now()), "form", List.of(), home));
    RateLimit neighbour = new RateLimit("2001:db8:1:3::/64", 1, day);
    store.insert(citizenFrom("2001:db8:1:3::1", Instant.now()), "form", List.of(), neighbour);
    assertEquals(2, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(java.util.Set.of("2001:db8:1:2::1", "2001:db8:1:3::1"), java.util.Set.copyOf(
        store.list(ReportFilter.ALL_INTERNAL, 0, 10).items().stream().map(Report::reporterIp).toList()),
        "the exact address is what is kept for administrators");
    // Forgetting addresses forgets the group too: the sender is no longer recognised at all.
    assertEquals(2, store.forgetReporterAddresses(Instant.now().plusSeconds(60)));
    store.insert(citizenFrom(null, Instant.now()), "form", List.of(), home);
  }

  static NewReport citizenFrom(String ip, Instant at) {
    return new NewReport("illegal_parking", Status.NEW, new LonLat(19.94, 50.06), at, null, null, null, Source.CITIZEN,
        Teryt.NONE, null, ip, false);
  }

  @Test
  void concurrentRequestsFromOneAddressCannotExceedTheLimit() throws Exception {
    RateLimit limit = new RateLimit("192.0.2.77", 1, java.time.Duration.ofHours(24));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> {
          try {
            store.insert(citizenFrom("192.0.2.77", Instant.now()), "form", List.of(), limit);
            return true;
          } catch (RateLimitedException e) {
            return false;
          }
        }));
      }
      int accepted = 0;
      for (var f : results) {
        accepted += f.get() ? 1 : 0;
      }
      assertEquals(1, accepted);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void forgettingAddressesKeepsEverythingElse() {
    Report old = store.insert(citizenFrom("198.51.100.1", Instant.now().minus(java.time.Duration.ofDays(40))), "form");
    Report recent = store.insert(citizenFrom("198.51.100.2", Instant.now()), "form");
    assertEquals(1, store.forgetReporterAddresses(Instant.now().minus(java.time.Duration.ofDays(30))));
    assertNull(store.find(old.id()).orElseThrow().reporterIp());
    assertEquals("198.51.100.2", store.find(recent.id()).orElseThrow().reporterIp());
    assertEquals(old.category(), store.find(old.id()).orElseThrow().category());
    assertEquals(0, store.forgetReporterAddresses(Instant.now().minus(java.time.Duration.ofDays(30))));
  }

  @Test
  void descriptionPublicationIsAnEditWithHistory() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    Report published = store.setDescriptionPublic(r.id(), 1, OFFICER, true);
    assertTrue(published.descriptionPublic());
    assertEquals(2, published.version());
    HistoryEntry h = store.history(r.id()).get(1);
    assertEquals(HistoryEntry.Action.EDITED, h.action());
    assertEquals(OFFICER.name(), h.actor());
    assertEquals(ChangeKind.EDITED, store.changesSince(0, 10).get(1).kind());
    assertThrows(StoreException.class, () -> store.setDescriptionPublic(r.id(), 1, OFFICER, false));
  }

  @Test
  void descriptionOfADeletedReportCannotBePublishedOrWithdrawn() {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    store.softDelete(r.id(), 1, ADMIN, "duplikat");
    for (boolean value : new boolean[] {true, false}) {
      WorkflowException e = assertThrows(WorkflowException.class,
          () -> store.setDescriptionPublic(r.id(), 2, ADMIN, value));
      assertEquals(WorkflowException.Reason.DELETED, e.reason());
    }
    Report after = store.find(r.id()).orElseThrow();
    assertFalse(after.descriptionPublic());
    assertEquals(2, after.version());
    assertEquals(2, store.history(r.id()).size());
  }

  @Test
  void listenersHearEveryCommittedChangeOnce() {
    List<ReportEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<long[]> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    store.subscribe(new ReportListener() {
      @Override
      public void changed(ReportEvent event) {
        events.add(event);
      }

      @Override
      public void batchInserted(long fromSeq, long toSeq, int count) {
        batches.add(new long[] {fromSeq, toSeq, count});
      }
    });
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    store.changeStatus(r.id(), 1, new StatusChange(COORDINATOR, Status.VERIFICATION, null));
    assertThrows(StoreException.class, () -> store.changeStatus(r.id(), 1, new StatusChange(COORDINATOR, Status.JOKE_OR_MISTAKE, null)));
    store.setDescriptionPublic(r.id(), 2, OFFICER, true);
    store.softDelete(r.id(), 3, ADMIN, "duplikat");
    assertEquals(List.of(ChangeKind.INSERTED, ChangeKind.STATUS_CHANGED, ChangeKind.EDITED, ChangeKind.DELETED),
        events.stream().map(ReportEvent::kind).toList());
    assertNull(events.get(0).before());
    assertEquals(Status.NEW, events.get(1).before().status());
    assertEquals(Status.VERIFICATION, events.get(1).after().status());
    assertTrue(events.get(3).after().deleted());
    long seq = store.lastChangeSeq();
    store.insertAll(TestReports.random(5, 40), "import");
    assertEquals(1, batches.size());
    assertEquals(seq, batches.get(0)[0]);
    assertEquals(seq + 40, batches.get(0)[1]);
    assertEquals(40, batches.get(0)[2]);
  }

  static List<NewReport> imported(int from, int count) {
    List<NewReport> out = new ArrayList<>();
    List<NewReport> base = TestReports.random(from, count);
    for (int i = 0; i < count; i++) {
      NewReport r = base.get(i);
      out.add(new NewReport(r.category(), r.status(), r.location(), r.reportedAt(), r.occurredOn(), r.timeOfDay(),
          i % 7 == 0 ? "Cudzysłów \" przecinek, średnik; nowa\nlinia \\ tab\t koniec" : r.description(),
          Source.POLICE_SYSTEM, r.teryt(), "SWD/" + (from + i), null, false));
    }
    return out;
  }

  @Test
  void importsAreIdempotentAndKeepEveryField() {
    List<long[]> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    store.subscribe(new ReportListener() {
      @Override
      public void changed(ReportEvent event) {
        throw new AssertionError("an import is one batch event, not one per report");
      }

      @Override
      public void batchInserted(long fromSeq, long toSeq, int count) {
        batches.add(new long[] {fromSeq, toSeq, count});
      }
    });
    List<NewReport> first = imported(1_000, 600);
    assertEquals(new ImportResult(600, 0), store.importReports(first, "import-swd"));
    List<Report> all = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, all::add);
    assertEquals(first, all.stream().map(ReportStoreContract::asNew).toList());
    assertEquals(1, store.history(all.get(599).id()).size());
    assertEquals("import-swd", store.history(all.get(0).id()).get(0).actor());
    long seq = store.lastChangeSeq();
    assertEquals(600, seq);
    assertEquals(new ImportResult(0, 600), store.importReports(first, "import-swd"), "re-running changes nothing");
    assertEquals(seq, store.lastChangeSeq());
    List<NewReport> more = new ArrayList<>(first.subList(0, 100));
    more.addAll(imported(5_000, 50));
    assertEquals(new ImportResult(50, 100), store.importReports(more, "import-swd"));
    assertEquals(650, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(2, batches.size());
    assertEquals(50, batches.get(1)[2]);
    assertThrows(IllegalArgumentException.class, () -> store.importReports(
        List.of(krakowReport("speeding", Status.NEW)), "import"));
  }

  /**
   * Loading the cluster index scans every public report, which takes long on a large store: a
   * write must not wait for it (on SQLite a scan inside an IMMEDIATE transaction held the only
   * write lock until the last row, and POSTs failed after the busy timeout).
   */
  @Test
  void aLongScanDoesNotHoldUpWriters() throws Exception {
    store.insertAll(TestReports.random(61, 50), "test");
    java.util.concurrent.CountDownLatch scanning = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<Report> seen = new ArrayList<>();
    Thread reader = new Thread(() -> store.scan(ReportFilter.ALL_INTERNAL, r -> {
      seen.add(r);
      scanning.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    reader.start();
    try {
      assertTrue(scanning.await(10, java.util.concurrent.TimeUnit.SECONDS), "the scan started");
      var insert = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> store.insert(krakowReport("illegal_parking", Status.NEW), "citizen-form"));
      Report stored = insert.get(2, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(store.find(stored.id()).isPresent());
    } finally {
      release.countDown();
      reader.join(30_000);
    }
    assertEquals(50, seen.size(), "the scan reads the snapshot it began with");
  }

  /** Sets a report's TERYT columns by SQL; each argument is an SQL literal ('12' or NULL). */
  void directTeryt(long id, String voivodeship, String county, String municipality) throws SQLException {
    directSql("UPDATE report SET teryt_voivodeship = " + voivodeship + ", teryt_county = " + county
        + ", teryt_municipality = " + municipality + " WHERE id = " + id);
  }

  /**
   * The domain's TERYT rules hold in the database too, so no direct SQL edit can store a row the
   * server cannot read (such a row used to stop the tile index for good).
   */
  @Test
  void databaseRejectsTerytCodesThatDoNotNestOrAreMalformed() throws SQLException {
    Report r = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    String[][] bad = {
        {"'12'", "'1465'", "NULL"},          // county outside its voivodeship
        {"'12'", "'1261'", "'1465011'"},     // municipality outside its county
        {"NULL", "'1261'", "NULL"},          // county without voivodeship
        {"'12'", "NULL", "'1261011'"},       // municipality without county
        {"'1'", "NULL", "NULL"},             // malformed voivodeship
        {"'12'", "'12a1'", "NULL"},          // malformed county
        {"'12'", "'1261'", "'1261016'"},     // municipality type outside 1-5
    };
    for (String[] t : bad) {
      assertThrows(SQLException.class, () -> directTeryt(r.id(), t[0], t[1], t[2]), String.join(",", t));
      assertThrows(SQLException.class, () -> directSql("INSERT INTO report (category, status, " + pointColumnsFor()
          + ", reported_at, source, updated_at, teryt_voivodeship, teryt_county, teryt_municipality) VALUES "
          + directInsertValues().replaceFirst("\\)$", ", " + String.join(", ", t) + ")")), "insert " + String.join(",", t));
    }
    assertEquals(Teryt.ofMunicipality("1261011"), store.find(r.id()).orElseThrow().teryt());
    directTeryt(r.id(), "'14'", "'1465'", "'1465011'");
    directTeryt(r.id(), "'14'", "NULL", "NULL");
    assertEquals(new Teryt("14", null, null), store.find(r.id()).orElseThrow().teryt());
  }

  /** Lets the test store a row the domain rejects, as rows from before the database checked the rule are. */
  abstract void allowTerytThatDoesNotNest() throws SQLException;

  /** A reader that must go on past a row the domain rejects is told its id, and gets every other row. */
  @Test
  void aScanHandsOverRowsTheDomainRejectsAndGoesOn() throws SQLException {
    store.insertAll(TestReports.random(62, 20), "test");
    Report bad = store.insert(krakowReport("illegal_parking", Status.NEW), "form");
    store.insertAll(TestReports.random(63, 20), "test");
    allowTerytThatDoesNotNest();
    directTeryt(bad.id(), "'12'", "'1465'", "NULL");
    List<Report> read = new ArrayList<>();
    List<Long> rejected = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, read::add, e -> rejected.add(e.id()));
    assertEquals(List.of(bad.id()), rejected);
    assertEquals(40, read.size());
    UnreadableRowException e = assertThrows(UnreadableRowException.class, () -> store.find(bad.id()));
    assertEquals(bad.id(), e.id());
    assertThrows(UnreadableRowException.class, () -> store.scan(ReportFilter.ALL_INTERNAL, r -> { }));
  }
}
