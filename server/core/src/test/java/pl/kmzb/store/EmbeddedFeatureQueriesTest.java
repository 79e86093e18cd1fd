package pl.kmzb.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFeatureQueriesTest extends FeatureQueriesContract {
  @TempDir
  Path dir;

  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }
}
