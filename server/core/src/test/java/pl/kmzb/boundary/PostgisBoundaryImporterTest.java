package pl.kmzb.boundary;

import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisBoundaryImporterTest extends BoundaryImporterContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }
}
