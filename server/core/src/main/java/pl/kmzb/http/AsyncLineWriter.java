package pl.kmzb.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines on a background thread so request threads never wait for the disk. When the
 * queue is full, lines are dropped and counted rather than slowing requests down. (Jetty's own
 * AsyncRequestLogWriter writes only to files or stderr; we also want stdout.)
 */
final class AsyncLineWriter implements AutoCloseable {
  private static final int CAPACITY = 65_536;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Writer out;
  private final Thread thread;
  private volatile boolean closing;

  AsyncLineWriter(OutputStream stream) {
    this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    this.thread = new Thread(this::drain, "access-log");
    thread.setDaemon(true);
    thread.start();
  }

  static AsyncLineWriter toFile(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new AsyncLineWriter(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open access log " + file, e);
    }
  }

  void write(String line) {
    if (!queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  long dropped() {
    return dropped.get();
  }

  private void drain() {
    List<String> batch = new ArrayList<>(1024);
    try {
      while (!closing || !queue.isEmpty()) {
        String first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 1023);
        for (String line : batch) {
          out.write(line);
          out.write('\n');
        }
        batch.clear();
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The access log must never take the server down; losing it is reported by the drop count.
      dropped.addAndGet(queue.size() + 1);
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      thread.join(5_000);
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
