package pl.kmzb.wfs;

class EmbeddedTransactionTest extends TransactionContract {
  @Override
  boolean postgis() {
    return false;
  }
}
