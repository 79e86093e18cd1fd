package pl.kmzb.analytics;

import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisRoadSegmentsApiTest extends RoadSegmentsApiContract {
  @Override
  List<String> storeArgs() {
    return List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(), "--postgis.pool-size=4");
  }
}
