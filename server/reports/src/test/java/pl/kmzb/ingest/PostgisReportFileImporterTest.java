package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
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
    List<String> schema = TestPostgis.reportSchema(url);
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
    assertEquals(schema, TestPostgis.reportSchema(url));

    ReportFileImporter.Result r = importer.run(store, good, "import");
    assertEquals(LARGE, r.stored().inserted());
    assertEquals(LARGE + 1, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(2, store.lastChangeSeq(), "the bulk import logs its id range as one entry");
    assertEquals(LARGE, store.changesSince(1, 10).get(0).reportCount());
    assertEquals(schema, TestPostgis.reportSchema(url));
    assertEquals("1261", all().get(LARGE).teryt().county());
    assertEquals(0, importer.run(store, good, "import").stored().inserted(), "re-running changes nothing");
  }

  @Test
  void skipModeOnTheBulkPathStoresTheGoodRowsAsOneRangeAndListsTheBadOnes() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 1; i <= LARGE; i++) {
      csv.append(String.format(Locale.ROOT, "SWD-%d,speeding,confirmed,%.5f,50.05,2024-05-01T10:00:00Z,,,,%n",
          i, 19.5 + i % 1000 / 1000.0));
      if (i % 10_000 == 0) {
        // A bad row after every 10,000th: the store is already writing when the reader meets it.
        csv.append("BAD-").append(i).append(",ufo,new,19.94,50.06,2024-05-01T10:00:00Z,,,,\n");
        expected.add((i + i / 10_000 + 1) + ",unknown category 'ufo',BAD-" + i + ",ufo,new,19.94,50.06,2024-05-01T10:00:00Z,,,,");
      }
    }
    Path rejects = dir.resolve("rejects.csv");
    ReportFileImporter.Result r = importer.run(store, file("large.csv", csv.toString()), "import", rejects);
    assertEquals(LARGE, r.stored().inserted());
    assertEquals(LARGE / 10_000, r.rejected());
    assertEquals(LARGE, store.count(ReportFilter.ALL_INTERNAL));
    assertEquals(1, store.lastChangeSeq(), "the bulk path logs its id range as one entry");
    assertEquals(LARGE, store.changesSince(0, 10).get(0).reportCount());
    List<String> lines = java.nio.file.Files.readAllLines(rejects);
    assertEquals(expected, lines.subList(1, lines.size()));
  }
}
