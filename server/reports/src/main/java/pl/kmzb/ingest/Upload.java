package pl.kmzb.ingest;

/** A file as uploaded: the name the client gave (may be null) and its bytes, not yet checked. */
public record Upload(String clientName, byte[] content) {}
