package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.config.HttpLimits;

/** The connector cuts off clients that send their requests too slowly, and only those. */
class SlowClientsTest {
  static final HttpLimits LIMITS = new HttpLimits(Duration.ofSeconds(4), Duration.ofMillis(1_500), 1_000);

  HttpServer server;

  @BeforeEach
  void start() throws Exception {
    Router router = new Router();
    router.post("/echo", ex -> ex.sendText(200, "read " + ex.body(1 << 20).length));
    router.get("/hello", ex -> ex.sendText(200, "hello"));
    router.post("/late", ex -> {
      Thread.sleep(3_000); // a handler busy elsewhere (a password check, a queue) before it reads the body
      ex.sendText(200, "read " + ex.body(1 << 20).length);
    });
    server = new HttpServer("127.0.0.1", 0, 8, router, null, LIMITS, null);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** What the server did: its status line's code, or -1 for a close without an answer, and when. */
  record Outcome(int status, long millis) {}

  /** Sends {@code head}, then {@code body} {@code step} bytes every {@code interval} ms. */
  Outcome drip(String head, byte[] body, int step, int intervalMillis) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      int at = 0;
      while ((System.nanoTime() - start) < 10_000_000_000L) {
        s.setSoTimeout(intervalMillis);
        try {
          int b = in.read();
          long millis = (System.nanoTime() - start) / 1_000_000;
          if (b == -1) {
            return new Outcome(-1, millis);
          }
          String line = (char) b + new String(in.readNBytes(11), StandardCharsets.US_ASCII);
          return new Outcome(Integer.parseInt(line.substring(9, 12)), millis);
        } catch (SocketTimeoutException e) {
          // nothing yet
        } catch (java.net.SocketException e) {
          return new Outcome(-1, (System.nanoTime() - start) / 1_000_000);
        }
        if (at < body.length) {
          int n = Math.min(step, body.length - at);
          try {
            out.write(body, at, n);
          } catch (IOException e) {
            return new Outcome(-1, (System.nanoTime() - start) / 1_000_000);
          }
          at += n;
        }
      }
      throw new AssertionError("not cut off within 10 s");
    }
  }

  @Test
  void headersThatTakeLongerThanTheHeaderTimeoutAreCutOff() throws Exception {
    byte[] rest = ("X-Slow: " + "a".repeat(1_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    Outcome o = drip("GET /hello HTTP/1.1\r\nHost: x\r\n", rest, 1, 50);
    assertEquals(-1, o.status(), o.toString());
    assertTrue(o.millis() >= 1_400 && o.millis() < 3_500, o.toString());
  }

  @Test
  void aBodySlowerThanTheMinimumRateIsCutOff() throws Exception {
    byte[] body = new byte[10_000];
    Outcome o = drip("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n", body, 20, 50);
    assertTrue(o.status() == -1 || o.status() == 408, o.toString());
    assertTrue(o.millis() >= 1_400 && o.millis() < 3_500, o.toString());
  }

  @Test
  void aBodyThatStopsIsCutOff() throws Exception {
    Outcome o = drip("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\nabc", new byte[0], 1, 50);
    assertTrue(o.status() == -1 || o.status() == 408, o.toString());
    assertTrue(o.millis() >= 1_400 && o.millis() < 3_500, o.toString());
  }

  @Test
  void aSteadyBodyAboveTheRateIsReadWhateverItTakes() throws Exception {
    byte[] body = new byte[12_000];
    Outcome o = drip("POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 12000\r\n\r\n", body,
        200, 50);
    assertEquals(200, o.status(), o.toString());
    assertTrue(o.millis() > 2_000, "the body took longer than the header timeout: " + o);
  }

  /** The clock runs only while the server waits for the client: a body the server reads late is not slow. */
  @Test
  void aBodyTheServerReadsLateIsNotCutOff() throws Exception {
    // Larger than Jetty's read buffer: most of it waits in the socket until the handler reads.
    byte[] body = new byte[300_000];
    Outcome o = drip("POST /late HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 300000\r\n\r\n", body,
        300_000, 50);
    assertEquals(200, o.status(), o.toString());
  }

  @Test
  void aKeepAliveConnectionBetweenRequestsIsLeftToTheIdleTimeout() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      readAnswer(in);
      Thread.sleep(2_500); // longer than the header timeout, shorter than the idle timeout
      out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(readAnswer(in).endsWith("hello"), "the second request on the connection is answered");
    }
  }

  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    while (!b.toString().endsWith("hello")) {
      int c = in.read();
      if (c == -1) {
        throw new AssertionError("closed after: " + b);
      }
      b.append((char) c);
    }
    return b.toString();
  }
}
