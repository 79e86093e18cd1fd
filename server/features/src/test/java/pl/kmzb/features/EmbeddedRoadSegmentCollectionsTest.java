package pl.kmzb.features;

class EmbeddedRoadSegmentCollectionsTest extends IndicatorCollectionsContract {
  @Override
  boolean postgis() {
    return false;
  }
}
