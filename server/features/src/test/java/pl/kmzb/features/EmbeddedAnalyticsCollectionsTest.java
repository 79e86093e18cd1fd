package pl.kmzb.features;

class EmbeddedAnalyticsCollectionsTest extends IndicatorCollectionsContract {
  @Override
  boolean postgis() {
    return false;
  }
}
