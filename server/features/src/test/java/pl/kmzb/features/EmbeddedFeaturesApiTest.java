package pl.kmzb.features;

class EmbeddedFeaturesApiTest extends FeaturesApiContract {
  @Override
  boolean postgis() {
    return false;
  }
}
