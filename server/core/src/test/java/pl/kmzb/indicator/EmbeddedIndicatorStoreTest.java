package pl.kmzb.indicator;

import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedIndicatorStoreTest extends IndicatorStoreContract {
  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }
}
