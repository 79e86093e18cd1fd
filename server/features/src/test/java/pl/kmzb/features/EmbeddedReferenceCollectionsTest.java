package pl.kmzb.features;

class EmbeddedReferenceCollectionsTest extends ReferenceCollectionsContract {
  @Override
  boolean postgis() {
    return false;
  }
}
