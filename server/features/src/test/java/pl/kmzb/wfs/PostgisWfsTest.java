package pl.kmzb.wfs;

class PostgisWfsTest extends WfsContract {
  @Override
  boolean postgis() {
    return true;
  }
}
