package pl.kmzb.reports;

import java.util.List;

class EmbeddedPolishWatersApiTest extends PolishWatersApiContract {
  @Override
  List<String> storeArgs() {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
