package pl.kmzb.http;

/**
 * Cache-Control of the OGC services' answers, where one URL answers differently with and without
 * credentials (capabilities and collection lists name police layers only to police callers).
 *
 * <p>Desktop clients do not honour {@code Vary: Authorization}: QGIS keeps answers in Qt's disk
 * cache keyed by the URL alone and replays an anonymous capabilities document to a later request of
 * the same URL with credentials. So every answer to a caller with credentials is never stored, and
 * anonymous metadata (capabilities, landing pages, collection lists) is never stored either; only
 * anonymous data answers may be kept and revalidated.
 */
public final class CacheHeaders {
  private CacheHeaders() {
  }

  /** Sets the header on {@code ex}'s response; {@code metadata}: an answer that lists what the caller may see. */
  public static void apply(Exchange ex, boolean metadata) {
    boolean credentials = ex.header("Authorization") != null;
    String value = credentials ? "private, no-store" : metadata ? "no-store" : "no-cache";
    ex.response().getHeaders().put("Cache-Control", value);
    ex.response().getHeaders().put("Vary", "Authorization");
  }
}
