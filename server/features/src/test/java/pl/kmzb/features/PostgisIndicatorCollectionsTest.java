package pl.kmzb.features;

class PostgisIndicatorCollectionsTest extends IndicatorCollectionsContract {
  @Override
  boolean postgis() {
    return true;
  }
}
