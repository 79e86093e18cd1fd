package pl.kmzb.wmts;

import java.nio.file.Path;
import java.util.List;

class EmbeddedWmtsApiTest extends WmtsApiContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
