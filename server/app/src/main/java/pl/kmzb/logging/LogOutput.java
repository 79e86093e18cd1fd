package pl.kmzb.logging;

import java.io.PrintStream;

/** Where log lines go and in which form; each line is written whole, so threads never interleave. */
final class LogOutput {
  static final LogOutput STDERR = new LogOutput(System.err);

  private final PrintStream out;
  private volatile boolean json;

  LogOutput(PrintStream out) {
    this.out = out;
  }

  void json(boolean on) {
    json = on;
  }

  void write(LogLine line) {
    String text = json ? line.json() : line.text();
    out.print(text);
    out.flush();
  }
}
