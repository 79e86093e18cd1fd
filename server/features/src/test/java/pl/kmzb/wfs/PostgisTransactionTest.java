package pl.kmzb.wfs;

class PostgisTransactionTest extends TransactionContract {
  @Override
  boolean postgis() {
    return true;
  }
}
