package pl.kmzb.cluster;

import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisPoliceTilesTest extends PoliceTilesContract {
  String url;

  @Override
  List<String> storeArgs() {
    if (url == null) {
      url = TestPostgis.createDatabase();
    }
    return List.of("--store=postgis", "--postgis.url=" + url, "--postgis.pool-size=4");
  }
}
