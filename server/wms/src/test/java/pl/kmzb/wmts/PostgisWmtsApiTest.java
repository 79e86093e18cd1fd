package pl.kmzb.wmts;

import java.nio.file.Path;
import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisWmtsApiTest extends WmtsApiContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(), "--postgis.pool-size=4");
  }
}
