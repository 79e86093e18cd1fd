package pl.kmzb.demo;

import pl.kmzb.ingest.NationalOutline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;

/**
 * Synthetic KMZB reports for demos and benchmarks: spread over Poland and denser in cities, with
 * the published shares of categories and statuses, dated from the national launch to {@code now}.
 *
 * <p>Everything it makes is marked as synthetic three ways, so it can never pass for a citizen's
 * report: {@code synthetic = true}, external id {@code synthetic-<n>} and a description saying so.
 * There is no reporter IP.
 *
 * <p>The output depends only on (seed, count, now) and the bundled tables: reports come out in
 * the order they were made, report n at the n-th quantile of the report rate, so a different
 * count spreads the same period differently.
 */
public final class DemoGenerator {
  public static final String DESCRIPTION = "Zgłoszenie syntetyczne (dane demonstracyjne) / Synthetic demo report";
  public static final String EXTERNAL_ID_PREFIX = "synthetic-";

  private static final Weighted<Source> SOURCES = Weighted.of(
      List.of(Source.CITIZEN, Source.OFFICER, Source.POLICE_SYSTEM), new double[] {0.86, 0.10, 0.04});
  private static final Weighted<TimeOfDay> TIMES_OF_DAY = Weighted.of(
      List.of(TimeOfDay.MORNING, TimeOfDay.AFTERNOON, TimeOfDay.EVENING, TimeOfDay.NIGHT),
      new double[] {0.24, 0.34, 0.28, 0.14});
  /** Date and time of day are optional in the citizen's form; many leave them out. */
  private static final double WITH_DATE = 0.45;
  private static final double WITH_TIME_OF_DAY = 0.5;
  private static final int MAX_DAYS_BEFORE_REPORT = 14;
  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  private final long seed;
  private final Timeline timeline;
  private final Places places;
  private final CategoryMix categories;

  public DemoGenerator(CategoryCatalog catalog, long seed, Instant now) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(now, "now");
    this.seed = seed;
    this.timeline = new Timeline(now);
    NationalOutline outline = NationalOutline.poland(0);
    this.places = new Places(outline, Cities.load(outline));
    this.categories = CategoryMix.load(catalog);
  }

  /** Streams {@code count} reports, deterministic for (seed, count, now). */
  public void generate(long count, Consumer<NewReport> sink) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    Objects.requireNonNull(sink, "sink");
    SplittableRandom random = new SplittableRandom(seed);
    for (long i = 0; i < count; i++) {
      sink.accept(report(random, i, count));
    }
  }

  private NewReport report(SplittableRandom random, long index, long count) {
    // One random quantile inside the report's own slice keeps the sequence in time order.
    Instant reportedAt = timeline.at((index + random.nextDouble()) / count);
    long ageSeconds = Duration.between(reportedAt, timeline.now()).toSeconds();
    String category = categories.pick(random, reportedAt);
    Status status = StatusMix.pick(random, ageSeconds);
    LonLat location = places.next(random);
    Source source = SOURCES.pick(random);
    LocalDate occurredOn = null;
    if (random.nextDouble() < WITH_DATE) {
      // Mostly the same day or the days just before; the UTC date is never after the Polish one.
      double u = random.nextDouble();
      long daysBefore = (long) (u * u * (MAX_DAYS_BEFORE_REPORT + 1));
      occurredOn = LocalDate.ofEpochDay(Math.floorDiv(reportedAt.getEpochSecond(), SECONDS_PER_DAY) - daysBefore);
    }
    TimeOfDay timeOfDay = random.nextDouble() < WITH_TIME_OF_DAY ? TIMES_OF_DAY.pick(random) : null;
    return new NewReport(category, status, location, reportedAt, occurredOn, timeOfDay, DESCRIPTION, source,
        Teryt.NONE, EXTERNAL_ID_PREFIX + (index + 1), null, true);
  }
}
