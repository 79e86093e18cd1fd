package pl.kmzb.unit;

import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisPoliceUnitStoreTest extends PoliceUnitStoreContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }
}
