package pl.kmzb.http;

/**
 * The two request headers every cached body answers to: {@code If-None-Match} against a body's
 * two representations (plain and gzip, each with its strong tag) and {@code Accept-Encoding}.
 * Tiles and the web page's assets both use it.
 */
public final class Negotiation {
  private Negotiation() {}

  /** If-None-Match with either representation's tag (weak comparison, RFC 9110 13.1.2) or "*". */
  public static boolean matches(String ifNoneMatch, String plainTag, String gzipTag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(plainTag) || t.equals(gzipTag)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the client takes gzip: named (or "*") without {@code q=0}. */
  public static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.strip().split(";");
      String coding = p[0].strip();
      if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
        return p.length < 2 || !p[1].replace(" ", "").matches("q=0(\\.0{0,3})?");
      }
    }
    return false;
  }
}
