package pl.kmzb.cluster;

import java.util.List;

class EmbeddedPoliceTilesTest extends PoliceTilesContract {
  @Override
  List<String> storeArgs() {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
