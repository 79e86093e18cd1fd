package pl.kmzb.indicator;

import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisIndicatorStoreTest extends IndicatorStoreContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }
}
