package pl.kmzb.wms;

import java.nio.file.Path;
import java.util.List;

class EmbeddedWmsApiTest extends WmsApiContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
