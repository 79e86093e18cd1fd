package pl.kmzb.ingest;

import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedReportFileImporterTest extends ReportFileImporterContract {
  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }
}
