package pl.kmzb.store;

import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisKillNineTest extends KillNineContract {
  final String url = TestPostgis.createDatabase();

  @Override
  List<String> writerArgs() {
    return List.of("postgis", url);
  }

  @Override
  ReportStore reopen() {
    return PostgisReportStore.open(url, null, null, 2);
  }
}
