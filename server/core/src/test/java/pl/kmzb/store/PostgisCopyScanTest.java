package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.testing.TestPostgis;
import pl.kmzb.testing.TestReports;

/**
 * The binary COPY scan (what the cluster indexes load from PostGIS) gives exactly the reports, in
 * the same order and with every field equal, that the cursor gives for the same selection, and
 * hands the same rows the domain rejects to the caller without losing step with the stream.
 */
class PostgisCopyScanTest {
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  String url;
  PostgisReportStore store;

  @BeforeEach
  void open() {
    url = TestPostgis.createDatabase();
    store = PostgisReportStore.open(url, null, null, 4);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theCopyScanReadsWhatTheCursorReads() throws SQLException {
    store.insertAll(TestReports.random(5, 2_000), "test");
    Report gone = store.find(17).orElseThrow();
    store.softDelete(gone.id(), gone.version(), ADMIN, "test");
    sql("UPDATE report SET description = repeat('ż', 500), occurred_on = '1999-12-31' WHERE id = 18");
    sql("UPDATE report SET reported_at = '1970-01-01T00:00:00.000001Z', occurred_on = NULL, time_of_day = NULL,"
        + " description = NULL, external_id = NULL, reporter_ip = NULL WHERE id = 19");
    // Rows the domain rejects (written around the database's checks): skipped, and the rows after them read.
    sql("ALTER TABLE report DROP CONSTRAINT IF EXISTS report_teryt_nesting_check");
    sql("UPDATE report SET teryt_voivodeship = '12', teryt_county = '1465', teryt_municipality = NULL WHERE id = 20");
    sql("UPDATE report SET reported_at = '-infinity', occurred_on = 'infinity' WHERE id = 21");

    List<Report> copied = new ArrayList<>();
    List<Long> copiedBad = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, copied::add, e -> copiedBad.add(e.id()));
    List<Report> cursor = new ArrayList<>();
    List<Long> cursorBad = new ArrayList<>();
    // The same selection written so that it does not equal ALL_INTERNAL: it goes through the cursor.
    store.scan(ReportFilter.ALL_INTERNAL.withStatuses(EnumSet.allOf(Status.class)), cursor::add,
        e -> cursorBad.add(e.id()));

    assertEquals(cursor, copied);
    assertEquals(cursorBad, copiedBad);
    assertTrue(copiedBad.contains(20L), "the row whose TERYT codes do not nest is refused: " + copiedBad);
    assertEquals(1_999 - copiedBad.size(), copied.size(), "2,000 less one deleted and the refused");
    assertTrue(copied.stream().noneMatch(r -> r.id() == gone.id()));
    Report odd = copied.stream().filter(r -> r.id() == 18).findFirst().orElseThrow();
    assertEquals("ż".repeat(500), odd.description());
    assertEquals(java.time.LocalDate.parse("1999-12-31"), odd.occurredOn());
    Report early = copied.stream().filter(r -> r.id() == 19).findFirst().orElseThrow();
    assertEquals(java.time.Instant.parse("1970-01-01T00:00:00.000001Z"), early.reportedAt());
  }

  void sql(String s) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute(s);
    }
  }
}
