package pl.kmzb.store;

import java.nio.file.Path;
import java.time.Instant;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;

/**
 * Child process of the kill -9 tests: inserts reports one by one and prints "ACK id" only after
 * each insert has returned, i.e. after the store acknowledged the commit. It runs until killed.
 */
public final class DurableWriterMain {
  private DurableWriterMain() {}

  public static void main(String[] args) {
    ReportStore store = args[0].equals("embedded") ? EmbeddedReportStore.open(Path.of(args[1]))
        : PostgisReportStore.open(args[1], null, null, 2);
    for (long i = 0; ; i++) {
      NewReport n = NewReport.of("illegal_parking", new LonLat(19.0 + (i % 100) / 100.0, 50.0), Instant.now(),
          Source.CITIZEN).withExternalId("kill9-" + i);
      Report r = store.insert(n, "durability-test");
      System.out.println("ACK " + r.id() + " " + r.externalId());
      System.out.flush();
    }
  }
}
