package pl.kmzb.render;

/**
 * A layer read from the store could not be answered within its time: the database cancelled the
 * statement (or there was no time left to start it) before anything could be drawn. The protocol
 * reports it as an error naming the layer, in bounded time, instead of waiting for the query.
 */
public final class ScanTimeoutException extends RuntimeException {
  private final String layer;

  public ScanTimeoutException(String layer, long seconds, Throwable cause) {
    super("the layer '" + layer + "' could not be read from the database within " + seconds
        + " s: zoom in or narrow the filter", cause);
    this.layer = layer;
  }

  public String layer() {
    return layer;
  }
}
