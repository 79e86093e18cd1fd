package pl.kmzb.unit;

import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedPoliceUnitStoreTest extends PoliceUnitStoreContract {
  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }
}
