package pl.kmzb.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for API tests: JSON in, JSON (or bytes) out, headers as given. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** Field names of a problem-details body's errors. */
    List<String> errorFields() {
      List<String> out = new ArrayList<>();
      json().path("errors").forEach(e -> out.add(e.path("field").asText()));
      return out;
    }

    @Override
    public String toString() {
      return status + " " + new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String base;
  /** One client per server: a pooled connection must never outlive the server it was opened to. */
  private final HttpClient http = HttpClient.newHttpClient();

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Response send(String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  Response postJson(String path, String json, String... headers) {
    return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  Response patchJson(String path, String json, String... headers) {
    return send("PATCH", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** A multipart/form-data body with a "report" JSON field and files (name, bytes). */
  Response postMultipart(String path, String reportJson, List<Object[]> files, String... headers) {
    String boundary = "kmzb-test-boundary-7MA4YWxkTrZu0gW";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n"
        + "Content-Type: application/json\r\n\r\n" + reportJson + "\r\n");
    for (Object[] f : files) {
      write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"" + f[0]
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      out.writeBytes((byte[]) f[1]);
      write(out, "\r\n");
    }
    write(out, "--" + boundary + "--\r\n");
    return send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray(), headers);
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  String login(String user, String password) {
    Response r = postJson("/api/auth/token", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("login failed: " + r);
    }
    return "Bearer " + r.json().path("token").asText();
  }
}
