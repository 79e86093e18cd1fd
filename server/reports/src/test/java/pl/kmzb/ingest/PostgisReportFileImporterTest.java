package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisReportFileImporterTest extends ReportFileImporterContract {
  /** Enough rows to take the store's bulk path (50,000 and more than the table holds). */
  static final int LARGE = 70_000;
  String url;

  @Override
  ReportStore openStore() {
    url = TestPostgis.createDatabase();
    return PostgisReportStore.open(url, null, null, 4);
  }

  @Test
  void aBadRowAtTheEndOfALargeFileStoresNothingAndLeavesTheSchemaAsItWas() throws Exception {
    importer.run(store, file("first.csv", HEADER + "SWD-0,speeding,new,19.94,50.06,2024-05-01T10:00:00Z,,,,\n"), "import");
    List<String> schema = schema();
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= LARGE; i++) {
      csv.append(String.format(Locale.ROOT, "SWD-%d,speeding,confirmed,%.5f,50.05,2024-05-01T10:00:00Z,,,,%n",
          i, 19.5 + i % 1000 / 1000.0));
    }
    Path good = file("large.csv", csv.toString());
    Path bad = file("large-bad.csv", csv + "SWD-X,ufo,new,19.94,50.06,2024-05-01T10:00:00Z,,,,\n");
    ReportFileImporter.ImportFileException e = assertThrows(ReportFileImporter.ImportFileException.class,
        () -> importer.run(store, bad, "import"));
    assertEquals(List.of("line " + (LARGE + 2) + ": unknown category 'ufo'"), e.errors());
    assertEquals(1, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(1, store.lastChangeSeq());
    assertEquals(schema, schema());

    ReportFileImporter.Result r = importer.run(store, good, "import");
    assertEquals(LARGE, r.stored().inserted());
    assertEquals(LARGE + 1, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(LARGE + 1, store.lastChangeSeq());
    assertEquals(schema, schema());
    assertEquals("1261", all().get(LARGE).teryt().county());
    assertEquals(0, importer.run(store, good, "import").stored().inserted(), "re-running changes nothing");
  }

  /** Indexes, constraints and triggers of the report tables. */
  List<String> schema() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename IN ('report', 'report_history')"
            + " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE conrelid IN ('report'::regclass, 'report_history'::regclass)"
            + " UNION ALL SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'report'::regclass"
            + " AND NOT tgisinternal ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
