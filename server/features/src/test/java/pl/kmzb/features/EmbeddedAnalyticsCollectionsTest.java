package pl.kmzb.features;

class EmbeddedAnalyticsCollectionsTest extends AnalyticsCollectionsContract {
  @Override
  boolean postgis() {
    return false;
  }
}
