package pl.kmzb.encode;

/** A web link as OGC API documents carry them (RFC 8288 relation types). */
public record Link(String href, String rel, String type, String title) {
  public Link(String href, String rel, String type) {
    this(href, rel, type, null);
  }
}
