package pl.kmzb.reports;

import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisPolishWatersApiTest extends PolishWatersApiContract {
  @Override
  List<String> storeArgs() {
    return List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(), "--postgis.pool-size=4");
  }
}
