package pl.kmzb.ogctiles;

import java.nio.file.Path;
import java.util.List;
import pl.kmzb.testing.TestPostgis;

class PostgisOgcTilesTest extends OgcTilesContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase(), "--postgis.pool-size=4");
  }
}
