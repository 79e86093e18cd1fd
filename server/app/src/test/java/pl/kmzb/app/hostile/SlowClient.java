package pl.kmzb.app.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends its request slowly: a first part at once, then {@code step} bytes of the rest
 * every {@code intervalMillis}, until the server answers or closes the connection (or the deadline
 * passes: then the server never cut it off).
 */
final class SlowClient {
  private SlowClient() {}

  /**
   * How the server ended the request.
   *
   * @param millis from the first byte sent to the server's answer or close
   * @param status the answer's status, or -1 when the server closed without one
   * @param sent bytes sent
   */
  record Ending(long millis, int status, long sent) {}

  static Ending send(int port, String first, byte[] rest, int step, int intervalMillis, int deadlineMillis)
      throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(first.getBytes(StandardCharsets.UTF_8));
      out.flush();
      long sent = first.length();
      int at = 0;
      while (millis(start) < deadlineMillis) {
        s.setSoTimeout(intervalMillis);
        try {
          int b = in.read();
          if (b == -1) {
            return new Ending(millis(start), -1, sent);
          }
          int status = Integer.parseInt(new String(in.readNBytes(11), StandardCharsets.ISO_8859_1).substring(8, 11));
          return new Ending(millis(start), status, sent);
        } catch (SocketTimeoutException e) {
          // Nothing from the server yet: send the next bytes.
        } catch (java.net.SocketException e) {
          return new Ending(millis(start), -1, sent);
        }
        if (at < rest.length) {
          int n = Math.min(step, rest.length - at);
          try {
            out.write(rest, at, n);
            out.flush();
          } catch (IOException e) {
            return new Ending(millis(start), -1, sent);
          }
          at += n;
          sent += n;
        }
      }
      throw new RawHttp.NoAnswer("the server let a slow client go on for " + deadlineMillis + " ms (" + sent
          + " bytes sent)");
    }
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
