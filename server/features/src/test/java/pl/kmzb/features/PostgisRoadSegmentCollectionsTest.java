package pl.kmzb.features;

class PostgisRoadSegmentCollectionsTest extends IndicatorCollectionsContract {
  @Override
  boolean postgis() {
    return true;
  }
}
