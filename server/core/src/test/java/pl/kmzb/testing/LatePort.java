package pl.kmzb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port that starts listening only after a delay and then forwards every connection to a
 * target: a database that "comes up" while a server waits for it, without stopping a real cluster.
 */
public final class LatePort implements AutoCloseable {
  private final int port;
  private volatile ServerSocket listener;
  private volatile boolean closed;
  private final Thread opener;

  private LatePort(int port, long delayMillis, InetSocketAddress target) {
    this.port = port;
    this.opener = new Thread(() -> run(delayMillis, target), "late-port-" + port);
    opener.setDaemon(true);
    opener.start();
  }

  /** A port that is closed now and forwards to {@code target} from {@code delayMillis} on. */
  public static LatePort forwardingAfter(long delayMillis, InetSocketAddress target) throws IOException {
    return new LatePort(freePort(), delayMillis, target);
  }

  /** A port nothing listens on (bound once, then released). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  private void run(long delayMillis, InetSocketAddress target) {
    try {
      Thread.sleep(delayMillis);
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = s;
      while (!closed) {
        Socket client = s.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        pipe(client, upstream);
        pipe(upstream, client);
      }
    } catch (IOException | InterruptedException e) {
      // closed
    }
  }

  private static void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // the other side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "late-port-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    opener.interrupt();
    if (listener != null) {
      listener.close();
    }
  }
}
