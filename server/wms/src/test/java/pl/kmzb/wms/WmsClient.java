package pl.kmzb.wms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** A small HTTP client for WMS tests: KVP requests in, bytes (image, XML, JSON) out. */
final class WmsClient {
  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String contentType() {
      return header("Content-Type");
    }

    BufferedImage image() {
      try {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(body));
        if (img == null) {
          throw new AssertionError("not an image: " + contentType() + " " + text());
        }
        return img;
      } catch (IOException e) {
        throw new AssertionError("not an image: " + text(), e);
      }
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType() + " " + (contentType() != null && contentType().startsWith("image/")
          ? body.length + " bytes" : text());
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  WmsClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  /** GET /wms with the parameters given as name, value pairs (encoded here). */
  Response wms(List<String> headers, String... params) {
    StringBuilder q = new StringBuilder("/wms?");
    for (int i = 0; i < params.length; i += 2) {
      q.append(i == 0 ? "" : "&").append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return get(q.toString(), headers);
  }

  Response wms(String... params) {
    return wms(List.of(), params);
  }

  Response get(String pathAndQuery, List<String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    return send(b.build());
  }

  Response postJson(String path, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  private Response send(HttpRequest r) {
    try {
      HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(res.statusCode(), res.headers(), res.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A bearer token for a user. */
  String login(String user, String password) {
    Response r = postJson("/api/auth/token", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("login failed: " + r);
    }
    return "Bearer " + r.json().path("token").asText();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static List<String> params(String... kv) {
    return new ArrayList<>(List.of(kv));
  }
}
