package pl.kmzb.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** About how many rows a CSV file holds, from its size and the lines in its first 64 KB. */
final class CsvSize {
  private static final int SAMPLE = 1 << 16;

  private CsvSize() {}

  /** Data rows (the header not counted); exact for files up to 64 KB without line breaks in values. */
  static long estimateRows(Path file) throws IOException {
    long size = Files.size(file);
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes((int) Math.min(size, SAMPLE));
    }
    long lines = 0;
    for (byte b : head) {
      if (b == '\n') {
        lines++;
      }
    }
    if (head.length == size) {
      boolean unterminated = size > 0 && head[head.length - 1] != '\n';
      return Math.max(0, lines + (unterminated ? 1 : 0) - 1);
    }
    return lines == 0 ? 0 : Math.max(0, size * lines / head.length - 1);
  }
}
