package pl.kmzb.snapshot;

import java.io.IOException;

/** A snapshot file that cannot be used: damaged, cut short, or taken of another database or index. */
public final class SnapshotException extends IOException {
  public SnapshotException(String message) {
    super(message);
  }
}
