package pl.kmzb.encode;

/** A web link as OGC API documents carry them (RFC 8288 relation types). */
public record Link(String href, String rel, String type, String title) {
  public Link(String href, String rel, String type) {
    this(href, rel, type, null);
  }

  /** Writes {@code links} as the "links" member of the object {@code json} is in. */
  public static void write(com.fasterxml.jackson.core.JsonGenerator json, java.util.List<Link> links)
      throws java.io.IOException {
    json.writeArrayFieldStart("links");
    for (Link l : links) {
      json.writeStartObject();
      json.writeStringField("href", l.href());
      json.writeStringField("rel", l.rel());
      if (l.type() != null) {
        json.writeStringField("type", l.type());
      }
      if (l.title() != null) {
        json.writeStringField("title", l.title());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
