package pl.kmzb.demo;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import pl.kmzb.report.Status;

/**
 * A report's status given its age. The coordinator must take up a new report within 3 days and
 * verification takes weeks, so fresh reports are mostly "Nowe" and "Weryfikacja"; settled ones
 * follow the published outcome of over 51 % confirmed, with a small backlog never closed.
 */
final class StatusMix {
  private static final List<Status> ORDER = List.of(Status.NEW, Status.VERIFICATION, Status.CONFIRMED,
      Status.CONFIRMED_HANDED_OVER, Status.CONFIRMED_ELIMINATED, Status.NOT_CONFIRMED, Status.JOKE_OR_MISTAKE);
  private static final long FRESH_S = Duration.ofDays(3).toSeconds();
  private static final long RECENT_S = Duration.ofDays(30).toSeconds();

  // Weights in the order of ORDER; each row sums to 1.
  private static final Weighted<Status> FRESH = Weighted.of(ORDER,
      new double[] {0.55, 0.30, 0.08, 0.02, 0.01, 0.03, 0.01});
  private static final Weighted<Status> RECENT = Weighted.of(ORDER,
      new double[] {0.08, 0.32, 0.25, 0.07, 0.06, 0.18, 0.04});
  /** Confirmed in all three forms: 0.57. */
  private static final Weighted<Status> SETTLED = Weighted.of(ORDER,
      new double[] {0.015, 0.025, 0.30, 0.11, 0.16, 0.33, 0.06});

  private StatusMix() {}

  static Status pick(SplittableRandom random, long ageSeconds) {
    Weighted<Status> mix = ageSeconds < FRESH_S ? FRESH : ageSeconds < RECENT_S ? RECENT : SETTLED;
    return mix.pick(random);
  }
}
