package pl.kmzb.crs;

/** A CRS identifier the server does not publish; the message names it and what is supported. */
public final class UnknownCrsException extends IllegalArgumentException {
  private final String identifier;

  public UnknownCrsException(String identifier, String message) {
    super(message);
    this.identifier = identifier;
  }

  /** The identifier as the client sent it, for an OGC exception's locator. */
  public String identifier() {
    return identifier;
  }
}
