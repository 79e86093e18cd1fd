package pl.kmzb.analytics;

import java.util.List;

class EmbeddedAnalyticsApiTest extends AnalyticsApiContract {
  @Override
  List<String> storeArgs() {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }
}
