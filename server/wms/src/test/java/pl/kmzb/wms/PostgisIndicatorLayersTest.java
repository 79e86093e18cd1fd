package pl.kmzb.wms;

import java.nio.file.Path;
import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisIndicatorLayersTest extends IndicatorLayersContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(), "--postgis.pool-size=4");
  }
}
