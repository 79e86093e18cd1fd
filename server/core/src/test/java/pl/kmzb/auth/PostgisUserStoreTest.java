package pl.kmzb.auth;

import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisUserStoreTest extends UserStoreContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }
}
