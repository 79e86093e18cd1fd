package pl.kmzb.features;

class PostgisAnalyticsCollectionsTest extends IndicatorCollectionsContract {
  @Override
  boolean postgis() {
    return true;
  }
}
