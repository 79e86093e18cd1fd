package pl.kmzb.analytics;

import java.util.List;

class EmbeddedRoadSegmentsApiTest extends RoadSegmentsApiContract {
  @Override
  List<String> storeArgs() {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
