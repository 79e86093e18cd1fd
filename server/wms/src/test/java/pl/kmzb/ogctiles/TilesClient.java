package pl.kmzb.ogctiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;

/** HTTP for the OGC API – Tiles tests: GET with headers, bytes and JSON out. */
final class TilesClient {
  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + this, e);
      }
    }

    BufferedImage image() {
      try {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(body));
        if (img == null) {
          throw new AssertionError("not an image: " + this);
        }
        return img;
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public String toString() {
      String type = header("Content-Type");
      return status + " " + type + " " + (type != null && type.startsWith("image/") ? body.length + " bytes" : text());
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  TilesClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  Response get(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
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

  String login(String user, String password) {
    Response r = postJson("/api/auth/token", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("login failed: " + r);
    }
    return "Bearer " + r.json().path("token").asText();
  }

  static List<String> list(JsonNode array, String field) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
