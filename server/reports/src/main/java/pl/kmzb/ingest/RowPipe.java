package pl.kmzb.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import pl.kmzb.report.NewReport;
import pl.kmzb.store.ImportRows;

/**
 * Hands checked rows from the reading thread to the store's thread in chunks, so the file is read
 * while the store writes. A failure of the reader (a bad row anywhere in the file) reaches the
 * store as an exception from {@link #next()} once the reader is done, so the store rolls back.
 * A closed pipe (the store gave up) makes the reader stop at its next row.
 */
final class RowPipe implements ImportRows, AutoCloseable {
  private static final int CHUNK = 4_096;
  private static final int CHUNKS_AHEAD = 8;
  private static final List<NewReport> END = Collections.emptyList();

  private final BlockingQueue<List<NewReport>> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
  private final long expectedRows;
  private volatile boolean closed;
  private volatile RuntimeException failure;
  // The reader's side.
  private List<NewReport> filling = new ArrayList<>(CHUNK);
  // The store's side.
  private Iterator<NewReport> draining = Collections.emptyIterator();
  private boolean ended;

  RowPipe(long expectedRows) {
    this.expectedRows = expectedRows;
  }

  // --- reader ---

  void add(NewReport r) {
    filling.add(r);
    if (filling.size() == CHUNK) {
      put(filling);
      filling = new ArrayList<>(CHUNK);
    }
  }

  /** Every row has been added. */
  void finish() {
    put(filling);
    put(END);
  }

  /** The rows added so far must not be stored: {@code e} is thrown to the store instead of the end. */
  void fail(RuntimeException e) {
    failure = e;
    put(END);
  }

  private void put(List<NewReport> chunk) {
    try {
      while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        if (closed) {
          throw new CancellationException("the store stopped taking rows");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while handing rows to the store");
    }
  }

  // --- store ---

  @Override
  public NewReport next() {
    while (!draining.hasNext()) {
      if (ended) {
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      List<NewReport> chunk = take();
      if (chunk == END) {
        ended = true;
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      draining = chunk.iterator();
    }
    return draining.next();
  }

  private List<NewReport> take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for rows");
    }
  }

  @Override
  public long expectedRows() {
    return expectedRows;
  }

  /** The reader fails the file on a repeated external id, so none reaches the store. */
  @Override
  public boolean distinctExternalIds() {
    return true;
  }

  @Override
  public void close() {
    closed = true;
    queue.clear();
  }
}
