package pl.kmzb.render;

import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisPoliceLayerTest extends PoliceLayerContract {
  @Override
  ReportStore open() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 2);
  }
}
