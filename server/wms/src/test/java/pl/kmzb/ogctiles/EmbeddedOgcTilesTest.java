package pl.kmzb.ogctiles;

import java.nio.file.Path;
import java.util.List;

class EmbeddedOgcTilesTest extends OgcTilesContract {
  @Override
  List<String> storeArgs(Path dir) {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
