package pl.kmzb.wfs;

class EmbeddedWfsTest extends WfsContract {
  @Override
  boolean postgis() {
    return false;
  }
}
