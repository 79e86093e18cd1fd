package pl.kmzb.wms;

import java.nio.file.Path;
import java.util.List;

class EmbeddedIndicatorLayersTest extends IndicatorLayersContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
