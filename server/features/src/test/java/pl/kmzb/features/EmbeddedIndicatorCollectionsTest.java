package pl.kmzb.features;

class EmbeddedIndicatorCollectionsTest extends IndicatorCollectionsContract {
  @Override
  boolean postgis() {
    return false;
  }
}
