package pl.kmzb.cluster;

import java.io.IOException;

/** A snapshot file that cannot be used: damaged, cut short, or taken of another database or index. */
final class SnapshotException extends IOException {
  SnapshotException(String message) {
    super(message);
  }
}
