package pl.kmzb.style;

import java.util.List;

/** A style that cannot be used, with every problem found: each names the source, the line and what is wrong. */
public final class SldException extends RuntimeException {
  private final List<String> problems;

  public SldException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems in styles:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
