package pl.kmzb.features;

class PostgisAnalyticsCollectionsTest extends AnalyticsCollectionsContract {
  @Override
  boolean postgis() {
    return true;
  }
}
