package pl.kmzb.store;

import pl.kmzb.testing.TestPostgis;

class PostgisFeatureQueriesTest extends FeatureQueriesContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }
}
