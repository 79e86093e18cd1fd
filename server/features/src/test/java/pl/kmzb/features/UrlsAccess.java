package pl.kmzb.features;

/** Lets tests of other packages encode query values as the services' own links do. */
public final class UrlsAccess {
  private UrlsAccess() {}

  public static String encode(String s) {
    return Urls.encode(s);
  }
}
