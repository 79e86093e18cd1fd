package pl.kmzb.layer;

/** Thrown at start-up when the layer catalogue is missing or invalid; the message lists every problem. */
public final class LayerCatalogException extends RuntimeException {
  public LayerCatalogException(String message) {
    super(message);
  }
}
