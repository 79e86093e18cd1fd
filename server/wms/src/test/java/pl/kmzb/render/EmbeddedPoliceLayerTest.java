package pl.kmzb.render;

import java.nio.file.Files;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedPoliceLayerTest extends PoliceLayerContract {
  @Override
  ReportStore open() throws Exception {
    return EmbeddedReportStore.open(Files.createTempDirectory("render").resolve("kmzb.sqlite"));
  }
}
