package pl.kmzb.app.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket. The JDK's client refuses to send what this corpus is about (bytes
 * that are not UTF-8 in a request line, malformed header names, a body that stops half-way), so
 * requests are written byte for byte and answers are read by hand, each with a deadline.
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer, or {@code status == -1} when the server closed the connection without one. */
  record Answer(int status, Map<String, String> headers, byte[] body, long millis) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String t = text();
      return status + " " + headers.get("content-type") + " in " + millis + " ms: "
          + (t.length() > 600 ? t.substring(0, 600) + "…" : t);
    }
  }

  /** Thrown when the server neither answered nor closed within the deadline: the server hangs. */
  static final class NoAnswer extends AssertionError {
    NoAnswer(String message) {
      super(message);
    }
  }

  /** Sends {@code request} as it is and reads the answer, all within {@code timeoutMillis}. */
  static Answer exchange(int port, byte[] request, int timeoutMillis) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may refuse a large request before it is fully sent; its answer is still readable.
      }
      return read(s.getInputStream(), start, timeoutMillis);
    }
  }

  /** Reads one answer (status line, headers, body by length, chunks or until closed). */
  static Answer read(InputStream raw, long start, int timeoutMillis) throws IOException {
    InputStream in = new java.io.BufferedInputStream(raw);
    String statusLine;
    try {
      statusLine = line(in);
    } catch (SocketTimeoutException e) {
      throw new NoAnswer("no answer within " + timeoutMillis + " ms");
    } catch (java.net.SocketException e) {
      return new Answer(-1, Map.of(), new byte[0], millis(start));
    }
    if (statusLine == null) {
      return new Answer(-1, Map.of(), new byte[0], millis(start));
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.merge(h.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
      body = chunks(in);
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body, millis(start));
  }

  private static byte[] chunks(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String size = line(in); size != null; size = line(in)) {
      int n = Integer.parseInt(size.split(";")[0].strip(), 16);
      if (n == 0) {
        break;
      }
      out.write(in.readNBytes(n));
      line(in);
    }
    return out.toByteArray();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        return b.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A request: the target as raw bytes (it may hold anything), headers, and a body with its length. */
  static byte[] request(String method, byte[] target, List<String> headers, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(target);
    List<String> all = new ArrayList<>(List.of("Host: 127.0.0.1", "Connection: close"));
    all.addAll(headers);
    if (body != null && headers.stream().noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))) {
      all.add("Content-Length: " + body.length);
    }
    out.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
    for (String h : all) {
      out.writeBytes((h + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }
}
