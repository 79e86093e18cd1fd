package pl.kmzb.web;

import pl.kmzb.http.Negotiation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;

/**
 * Files served from the class path under one folder: the content type from the name, a strong ETag
 * from the bytes (so a browser revalidates with a 304 instead of fetching again) and a gzip body
 * for text when the client takes it. A name is one path segment of letters, digits, '-', '_' and
 * '.', so no request reaches outside the folder. Files are read once and kept: they are few and
 * small, and a jar does not change under a running server.
 */
public final class StaticAssets {
  /** One file ready to send. */
  public record Asset(String name, String type, byte[] bytes, byte[] gzip, String etag) {
    /** The ETag of the representation sent: the gzip body is a different one (RFC 9110 8.8.3). */
    String etag(boolean gzipped) {
      return gzipped ? etag.substring(0, etag.length() - 1) + "-gz\"" : etag;
    }
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "json", "application/json",
      "png", "image/png",
      "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader;
  private final String folder;
  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  /** Files of {@code folder} (a class-path prefix such as "web/", with its slash). */
  public StaticAssets(ClassLoader loader, String folder) {
    this.loader = loader;
    this.folder = folder;
  }

  /** The file {@code name} of the folder, if it exists and its name is allowed. */
  public Optional<Asset> find(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..") || type(name) == null) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(name, this::read);
  }

  /** The file {@code name}, which the server cannot run without (checked at start). */
  public Asset require(String name) {
    return find(name).orElseThrow(() -> new IllegalStateException(folder + name + " is missing from the class path"));
  }

  /** An endpoint body: the file named by the path parameter {@code param}, 404 if there is none. */
  public void serve(Exchange ex, String param, String cacheControl) {
    String name = ex.pathParam(param);
    Asset asset = find(name).orElseThrow(() -> new ApiException(404, "Not Found", "no file '" + name + "'"));
    send(ex, asset, cacheControl);
  }

  /** Sends {@code asset}: 304 when the client holds it, gzip when accepted and it pays. */
  public static void send(Exchange ex, Asset asset, String cacheControl) {
    boolean gzip = asset.gzip() != null && Negotiation.acceptsGzip(ex.header("Accept-Encoding"));
    var headers = ex.response().getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, cacheControl);
    headers.put(HttpHeader.ETAG, asset.etag(gzip));
    headers.put("X-Content-Type-Options", "nosniff");
    if (asset.gzip() != null) {
      headers.put(HttpHeader.VARY, "Accept-Encoding");
    }
    if (Negotiation.matches(ex.header("If-None-Match"), asset.etag(false), asset.etag(true))) {
      ex.sendNoBody(304);
    } else if (gzip) {
      headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
      ex.send(200, asset.type(), asset.gzip());
    } else {
      ex.send(200, asset.type(), asset.bytes());
    }
  }

  /** An asset made from bytes the server builds (the catalogue JSON, the page with its settings). */
  public static Asset of(String name, byte[] bytes) {
    String type = type(name);
    if (type == null) {
      throw new IllegalArgumentException("no content type for " + name);
    }
    byte[] gzip = type.startsWith("text/") || type.contains("json") || type.contains("svg") ? gzip(bytes) : null;
    return new Asset(name, type, bytes, gzip != null && gzip.length < bytes.length ? gzip : null, etag(bytes));
  }

  private Optional<Asset> read(String name) {
    try (InputStream in = loader.getResourceAsStream(folder + name)) {
      return in == null ? Optional.empty() : Optional.of(of(name, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String type(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

}
