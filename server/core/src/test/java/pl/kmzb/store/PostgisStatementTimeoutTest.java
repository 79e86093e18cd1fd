package pl.kmzb.store;

import pl.kmzb.testing.TestPostgis;

class PostgisStatementTimeoutTest extends StatementTimeoutContract {
  @Override
  JdbcReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }

  @Override
  String secondLongQuery() {
    return "SELECT count(*) FROM (SELECT pg_sleep(0.3)) s";
  }
}
