package pl.kmzb.ingest;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;
import pl.kmzb.store.ImportResult;
import pl.kmzb.store.ReportStore;

/**
 * Imports reports exported from police IT systems (CSV with a header, or a GeoJSON FeatureCollection
 * of Points): the fields of the API plus {@code status}, {@code reported_at} and a required
 * {@code external_id}. The source is always POLICE_SYSTEM, whatever the file says. Every row is
 * checked, and every bad row is reported with its line (or feature) number; by default one bad row
 * stores nothing. In skip mode (a rejects file given) the good rows are stored and every bad one is
 * written to the rejects file with its line and reason ({@link RejectsFile}). Good rows go to the
 * store while the rest of the file is still being read. TERYT codes are assigned from the loaded
 * boundaries.
 */
public final class ReportFileImporter {
  private static final int MAX_ERRORS = 100;
  private static final Set<String> COLUMNS = Set.of("external_id", "category", "status", "lon", "lat", "reported_at",
      "occurred_on", "time_of_day", "description", "source");
  /** Columns a rejects file adds; ignored on input, so a fixed rejects file imports as it is. */
  private static final Set<String> REJECT_COLUMNS = Set.of(RejectsFile.LINE, RejectsFile.REASON);
  /** Rejected rows named in the summary of a skip-mode import; the rejects file has all of them. */
  private static final int REJECTS_SHOWN = 10;

  /**
   * What an import did: {@code rows} read from the file, of which {@code rejected} were written to
   * the rejects file (skip mode; 0 otherwise) and the rest went to the store; {@code read} is how
   * long reading and checking took (the store was writing meanwhile), {@code store} how much longer
   * storing took after the last row was read.
   */
  public record Result(int rows, int rejected, ImportResult stored, Duration read, Duration store) {}

  /** The file had bad rows; nothing was stored. */
  public static final class ImportFileException extends RuntimeException {
    private final List<String> errors;

    ImportFileException(Path file, List<String> errors, int total) {
      super(file + ": " + total + " bad row(s), nothing imported:\n  - " + String.join("\n  - ", errors)
          + (total > errors.size() ? "\n  - … and " + (total - errors.size()) + " more" : ""));
      this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
      return errors;
    }
  }

  private final CategoryCatalog catalog;
  private final Territory territory;
  private final PrintStream progress;

  /** @param territory decides whether a point is in Poland and assigns its TERYT codes */
  public ReportFileImporter(CategoryCatalog catalog, Territory territory, PrintStream progress) {
    this.catalog = catalog;
    this.territory = territory;
    this.progress = progress;
  }

  /**
   * Reads, checks and stores the file in one transaction, all or nothing. A reading thread checks
   * the rows and hands them over while the store is already writing; a bad row anywhere stops the
   * hand-over, the reader goes on to list every bad row, and the store rolls back.
   */
  public Result run(ReportStore store, Path file, String actor) throws IOException {
    return run(store, file, actor, null);
  }

  /**
   * As {@link #run(ReportStore, Path, String)}, but with {@code rejects} given, bad rows do not
   * stop the import: the good rows are stored (still in one transaction) and every bad row is
   * written to {@code rejects} with its line and reason. A file that cannot be read as a whole (a
   * broken CSV quote, an unknown column, not a FeatureCollection) still stores nothing.
   *
   * @throws IllegalArgumentException if {@code rejects} cannot be written: nothing is imported then
   */
  public Result run(ReportStore store, Path file, String actor, Path rejects) throws IOException {
    long t0 = System.nanoTime();
    RowSource source = open(file);
    RejectsFile rejectsFile = rejects == null ? null : openRejects(file, rejects);
    progress.printf("reading and storing %s (about %,d rows)…%n", file.getFileName(), source.expectedRows());
    long[] readEnd = {0};
    Rows[] read = {null};
    ImportResult stored;
    boolean done = false;
    try (RowPipe pipe = new RowPipe(source.expectedRows())) {
      Thread reader = new Thread(() -> {
        read[0] = feed(file, source, pipe, rejectsFile);
        readEnd[0] = System.nanoTime();
      }, "import-reader");
      reader.setDaemon(true);
      reader.start();
      try {
        stored = store.importReports(pipe, actor);
        done = true;
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        pipe.close();
        join(reader);
      }
    } finally {
      if (rejectsFile != null) {
        closeRejects(rejectsFile, done);
      }
    }
    long t2 = System.nanoTime();
    int rows = read[0].good + read[0].errorCount;
    progress.printf("read %,d rows: stored %,d new, %,d already stored%s; read and checked in %.1f s, stored %.1f s"
        + " after the last row (%,.0f reports/s overall)%n", rows, stored.inserted(), stored.skipped(),
        rejectsFile == null ? "" : ", rejected " + String.format("%,d", read[0].errorCount) + " (listed in " + rejects + ")",
        (readEnd[0] - t0) / 1e9, (t2 - readEnd[0]) / 1e9, rows / ((t2 - t0) / 1e9));
    if (read[0].errorCount > 0) {
      progress.println("rejected rows" + (read[0].errorCount > REJECTS_SHOWN ? " (the first " + REJECTS_SHOWN + ")" : "")
          + ":\n  - " + String.join("\n  - ", read[0].errors.subList(0, Math.min(REJECTS_SHOWN, read[0].errors.size()))));
    }
    return new Result(rows, read[0].errorCount, stored, Duration.ofNanos(readEnd[0] - t0),
        Duration.ofNanos(t2 - readEnd[0]));
  }

  /** Creates the rejects file before anything is imported, so an unwritable path stops the import first. */
  private static RejectsFile openRejects(Path file, Path rejects) {
    try {
      if (Files.exists(rejects) && Files.isSameFile(file, rejects)) {
        throw new IllegalArgumentException("the rejects file " + rejects + " is the file being imported");
      }
      return RejectsFile.open(rejects, isGeoJson(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the rejects file " + rejects + ": " + e, e);
    }
  }

  /**
   * Closes the rejects file; after a failed import it is deleted, since nothing was stored either,
   * and a failure to close it then must not hide the import's own exception.
   */
  private static void closeRejects(RejectsFile rejects, boolean imported) throws IOException {
    if (imported) {
      rejects.close();
      return;
    }
    try (rejects) {
      Files.deleteIfExists(rejects.path);
    } catch (IOException e) {
      // the import's failure is the one to report
    }
  }

  /**
   * The reading thread: hands over good rows (until one is bad, unless bad rows go to a rejects
   * file), then ends the pipe; returns what it read, or null if the store stopped first.
   */
  private Rows feed(Path file, RowSource source, RowPipe pipe, RejectsFile rejects) {
    try {
      Rows rows = new Rows(file, source.expectedRows(), pipe::add, rejects);
      source.forEach(rows);
      if (rejects != null) {
        // Every reject is on disk before the store may commit the rows that were kept.
        rejects.finish();
        pipe.finish();
      } else if (rows.errorCount > 0) {
        pipe.fail(new ImportFileException(file, rows.errors, rows.errorCount));
      } else {
        pipe.finish();
      }
      return rows;
    } catch (java.util.concurrent.CancellationException e) {
      return null; // the store stopped first; its exception is the one reported
    } catch (IOException e) {
      pipe.fail(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      pipe.fail(e);
    }
    return null;
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads and checks every row; throws listing the bad ones. */
  public List<NewReport> read(Path file) throws IOException {
    RowSource source = open(file);
    List<NewReport> out = new ArrayList<>();
    Rows rows = new Rows(file, source.expectedRows(), out::add, null);
    source.forEach(rows);
    if (rows.errorCount > 0) {
      throw new ImportFileException(file, rows.errors, rows.errorCount);
    }
    return out;
  }

  /** A file's rows, and about how many there are. */
  private interface RowSource {
    long expectedRows();

    void forEach(Rows rows) throws IOException;
  }

  private RowSource open(Path file) throws IOException {
    return isGeoJson(file) ? geoJson(file) : csv(file);
  }

  private static boolean isGeoJson(Path file) {
    String name = file.getFileName().toString().toLowerCase();
    return name.endsWith(".geojson") || name.endsWith(".json");
  }

  private RowSource csv(Path file) throws IOException {
    long expected = CsvSize.estimateRows(file);
    return new RowSource() {
      @Override
      public long expectedRows() {
        return expected;
      }

      @Override
      public void forEach(Rows rows) throws IOException {
        readCsv(file, rows);
      }
    };
  }

  private void readCsv(Path file, Rows rows) throws IOException {
    // Jackson's streaming parser directly: a row is read into one array, with no data binding per row.
    try (InputStream in = Files.newInputStream(file); CsvParser p = new CsvMapper().getFactory().createParser(in)) {
      String[] header = nextRow(p, new ArrayList<>());
      if (header == null) {
        return;
      }
      Map<String, Integer> columns = columns(file, header);
      RejectsFile.Csv rejects = (RejectsFile.Csv) rows.rejects;
      if (rejects != null) {
        rejects.header(header);
      }
      List<String> values = new ArrayList<>(header.length);
      for (String[] row = nextRow(p, values); row != null; row = nextRow(p, values)) {
        long line = p.getTokenLocation().getLineNr();
        if (row.length != columns.size()) {
          String problem = row.length + " value(s) where the header names " + columns.size();
          if (rejects == null) {
            throw new ImportFileException(file, List.of("malformed CSV at line " + line + ": " + problem), 1);
          }
          rows.rejected("line ", line, "malformed CSV: " + problem);
          rejects.malformed(line, "malformed CSV: " + problem, row);
          continue;
        }
        String[] r = row;
        String problem = rows.add("line ", line, key -> {
          Integer i = columns.get(key);
          return i == null ? null : r[i];
        });
        if (problem != null && rejects != null) {
          rejects.row(line, problem, r);
        }
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ImportFileException(file, List.of("malformed CSV at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage()), 1);
    }
  }

  /** The next row's values, or null at the end of the file; {@code scratch} is reused between rows. */
  private static String[] nextRow(CsvParser p, List<String> scratch) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      return null;
    }
    scratch.clear();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      scratch.add(t == JsonToken.VALUE_NULL ? null : p.getText());
    }
    return scratch.toArray(new String[0]);
  }

  /** Each header name's position; unknown names fail the file. */
  private static Map<String, Integer> columns(Path file, String[] header) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      // Interned, so each lookup by a literal key below matches on identity before comparing text.
      out.put(header[i].intern(), i);
    }
    Set<String> unknown = new HashSet<>(out.keySet());
    unknown.removeAll(COLUMNS);
    unknown.removeAll(REJECT_COLUMNS);
    if (!unknown.isEmpty() || out.size() != header.length) {
      throw new ImportFileException(file, List.of(unknown.isEmpty() ? "a column is named twice in the header"
          : "unknown column(s) " + unknown + "; known: " + COLUMNS), 1);
    }
    return out;
  }

  private RowSource geoJson(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (!"FeatureCollection".equals(root.path("type").asText())) {
      throw new ImportFileException(file, List.of("not a GeoJSON FeatureCollection"), 1);
    }
    JsonNode features = root.path("features");
    return new RowSource() {
      @Override
      public long expectedRows() {
        return features.size();
      }

      @Override
      public void forEach(Rows rows) {
        RejectsFile.GeoJson rejects = (RejectsFile.GeoJson) rows.rejects;
        int i = 0;
        for (JsonNode f : features) {
          JsonNode props = f.path("properties");
          JsonNode coords = f.path("geometry").path("type").asText().equals("Point")
              ? f.path("geometry").path("coordinates") : null;
          String problem = rows.add("feature ", i, key -> switch (key) {
            case "lon" -> coords == null ? null : coords.path(0).asText(null);
            case "lat" -> coords == null ? null : coords.path(1).asText(null);
            default -> props.hasNonNull(key) ? props.get(key).asText() : null;
          });
          if (problem != null && rejects != null) {
            rejects.feature(i, problem, f);
          }
          i++;
        }
      }
    };
  }

  /**
   * Checks rows one by one, hands the good ones on (all of them when bad rows go to a rejects file,
   * otherwise until the first bad one), and keeps the errors.
   */
  private final class Rows {
    final List<String> errors = new ArrayList<>();
    final Set<String> externalIds;
    final long start = System.nanoTime();
    final Path file;
    final Consumer<NewReport> sink;
    /** Where the format's reader writes bad rows; null when one bad row stores nothing. */
    final RejectsFile rejects;
    int good;
    int errorCount;

    Rows(Path file, long expectedRows, Consumer<NewReport> sink, RejectsFile rejects) {
      this.file = file;
      this.sink = sink;
      this.rejects = rejects;
      this.externalIds = new HashSet<>((int) Math.min(expectedRows * 4 / 3 + 16, 1 << 26));
    }

    /**
     * Checks a row; returns null if it is good, or why it is not. {@code where + n} names the row in
     * errors ("line 7", "feature 3"); built only when one is bad.
     */
    String add(String where, long n, Function<String, String> field) {
      List<String> problems = new ArrayList<>(2);
      NewReport r = row(field, problems);
      if (r != null && !externalIds.add(r.externalId())) {
        problems.add("external_id '" + r.externalId() + "' appears twice in the file");
      }
      String reason = null;
      if (!problems.isEmpty()) {
        reason = String.join("; ", problems);
        rejected(where, n, reason);
      } else {
        good++;
        // After a bad row nothing will be stored, unless bad rows are set aside: stop handing rows over, keep checking.
        if (errorCount == 0 || rejects != null) {
          sink.accept(r);
        }
        counted();
      }
      return reason;
    }

    /** Counts a bad row and keeps the first errors for the message. */
    void rejected(String where, long n, String reason) {
      errorCount++;
      if (errors.size() < MAX_ERRORS) {
        errors.add(where + n + ": " + reason);
      }
      counted();
    }

    private void counted() {
      int seen = good + errorCount;
      if (seen % 250_000 == 0) {
        double secs = (System.nanoTime() - start) / 1e9;
        progress.printf("read %,d rows of %s (%,.0f rows/s)%n", seen, file.getFileName(), seen / secs);
      }
    }
  }

  private NewReport row(Function<String, String> f, List<String> problems) {
    String externalId = text(f.apply("external_id"));
    if (externalId == null) {
      problems.add("external_id is required");
    }
    Category category = null;
    String code = text(f.apply("category"));
    if (code == null || (category = catalog.find(code).orElse(null)) == null) {
      problems.add(code == null ? "category is required" : "unknown category '" + code + "'");
    }
    Status status = parse(f.apply("status"), "status", Status::ofCode, problems, true);
    Double lon = number(f.apply("lon"), "lon", problems);
    Double lat = number(f.apply("lat"), "lat", problems);
    Teryt areas = lon == null || lat == null ? null : territory.locate(lon, lat);
    if (lon != null && lat != null && areas == null) {
      problems.add("the point " + lon + ", " + lat + " is not in Poland");
    }
    Instant reportedAt = parse(f.apply("reported_at"), "reported_at", FilterParser::parseInstant, problems, true);
    LocalDate occurredOn = parse(f.apply("occurred_on"), "occurred_on", LocalDate::parse, problems, false);
    TimeOfDay timeOfDay = parse(f.apply("time_of_day"), "time_of_day", TimeOfDay::ofCode, problems, false);
    String description = text(f.apply("description"));
    if (description != null && description.length() > NewReport.MAX_DESCRIPTION_LENGTH
        && description.codePointCount(0, description.length()) > NewReport.MAX_DESCRIPTION_LENGTH) {
      problems.add("description is longer than 500 characters");
    }
    if (category != null && category.rules().descriptionRequired() && description == null) {
      problems.add("category '" + category.code() + "' requires a description");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    LonLat p = new LonLat(lon, lat);
    return new NewReport(category.code(), status, p, reportedAt, occurredOn, timeOfDay, description,
        Source.POLICE_SYSTEM, areas, externalId, null, false);
  }

  private static String text(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Double number(String v, String name, List<String> problems) {
    try {
      double d = Decimals.parse(v == null ? "" : v.strip());
      if (Double.isFinite(d) && Math.abs(d) <= (name.equals("lon") ? 180 : 90)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a number in range, not '" + v + "'");
    return null;
  }

  private static <T> T parse(String raw, String name, Function<String, T> parser, List<String> problems, boolean required) {
    String v = text(raw);
    if (v == null) {
      if (required) {
        problems.add(name + " is required");
      }
      return null;
    }
    try {
      return parser.apply(v);
    } catch (RuntimeException e) {
      problems.add(name + " '" + v + "' is not valid");
      return null;
    }
  }
}
