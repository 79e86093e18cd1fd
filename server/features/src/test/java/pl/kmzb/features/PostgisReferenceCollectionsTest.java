package pl.kmzb.features;

class PostgisReferenceCollectionsTest extends ReferenceCollectionsContract {
  @Override
  boolean postgis() {
    return true;
  }
}
