package pl.kmzb.roads;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedRoadImporterTest extends RoadImporterContract {
  @TempDir
  Path dir;

  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }
}
