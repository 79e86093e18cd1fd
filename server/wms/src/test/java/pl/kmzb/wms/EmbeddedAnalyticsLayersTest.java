package pl.kmzb.wms;

import java.nio.file.Path;
import java.util.List;

class EmbeddedAnalyticsLayersTest extends AnalyticsLayersContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
