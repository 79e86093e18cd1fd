package pl.kmzb.store;

import pl.kmzb.testing.TestPostgis;

class PostgisExprStoreTest extends ExprStoreContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }
}
