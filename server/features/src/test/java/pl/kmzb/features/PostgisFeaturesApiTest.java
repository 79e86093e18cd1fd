package pl.kmzb.features;

class PostgisFeaturesApiTest extends FeaturesApiContract {
  @Override
  boolean postgis() {
    return true;
  }
}
