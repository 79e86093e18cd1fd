package pl.kmzb.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * When synthetic reports are made: from the national launch of KMZB to {@code now}, at a steady
 * rate (about 0.4 M a year in the real map) with the first year a quarter busier, as the launch
 * year had over 0.5 M reports.
 */
final class Timeline {
  /** National launch of the map. */
  static final Instant START = Instant.parse("2016-10-05T00:00:00Z");
  private static final long FIRST_YEAR_S = Duration.ofDays(365).toSeconds();
  private static final double FIRST_YEAR_RATE = 1.25;

  private final Instant now;
  private final double spanS;
  private final double busySpanS;
  private final double busyMass;
  private final double totalMass;

  Timeline(Instant now) {
    if (!now.isAfter(START)) {
      throw new IllegalArgumentException("now (" + now + ") must be after the launch of KMZB on " + START);
    }
    this.now = now;
    this.spanS = Duration.between(START, now).toSeconds();
    this.busySpanS = Math.min(spanS, FIRST_YEAR_S);
    this.busyMass = FIRST_YEAR_RATE * busySpanS;
    this.totalMass = busyMass + (spanS - busySpanS);
  }

  /**
   * The instant at quantile {@code u} in [0, 1) of the report rate, whole seconds. Monotone in
   * {@code u}, so stratified quantiles give reports in the order they were made.
   */
  Instant at(double u) {
    double mass = u * totalMass;
    double offsetS = mass < busyMass ? mass / FIRST_YEAR_RATE : busySpanS + (mass - busyMass);
    long seconds = (long) Math.min(offsetS, spanS);
    Instant t = START.plusSeconds(seconds);
    return t.isAfter(now) ? now : t;
  }

  Instant now() {
    return now;
  }
}
