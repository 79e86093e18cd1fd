package pl.kmzb.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * checked first and every bad row is reported with its line (or feature) number; one bad row
 * stores nothing. TERYT codes are assigned from the loaded boundaries.
 */
public final class ReportFileImporter {
  private static final int MAX_ERRORS = 100;
  private static final Set<String> COLUMNS = Set.of("external_id", "category", "status", "lon", "lat", "reported_at",
      "occurred_on", "time_of_day", "description", "source");

  /** What an import did. */
  public record Result(int rows, ImportResult stored, Duration read, Duration store) {}

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
  private final NationalOutline outline;
  private final Function<LonLat, Teryt> areas;
  private final PrintStream progress;

  public ReportFileImporter(CategoryCatalog catalog, NationalOutline outline, Function<LonLat, Teryt> areas,
      PrintStream progress) {
    this.catalog = catalog;
    this.outline = outline;
    this.areas = areas;
    this.progress = progress;
  }

  public Result run(ReportStore store, Path file, String actor) throws IOException {
    long t0 = System.nanoTime();
    List<NewReport> reports = read(file);
    long t1 = System.nanoTime();
    progress.printf("storing %,d reports…%n", reports.size());
    ImportResult stored = store.importReports(reports, actor);
    long t2 = System.nanoTime();
    progress.printf("stored %,d new reports, skipped %,d already stored, in %.1f s (%,.0f reports/s overall)%n",
        stored.inserted(), stored.skipped(), (t2 - t1) / 1e9, reports.size() / ((t2 - t0) / 1e9));
    return new Result(reports.size(), stored, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
  }

  /** Reads and checks every row; throws listing the bad ones. */
  public List<NewReport> read(Path file) throws IOException {
    Rows rows = new Rows(file);
    String name = file.getFileName().toString().toLowerCase();
    if (name.endsWith(".geojson") || name.endsWith(".json")) {
      readGeoJson(file, rows);
    } else {
      readCsv(file, rows);
    }
    if (!rows.errors.isEmpty()) {
      throw new ImportFileException(file, rows.errors, rows.errorCount);
    }
    return rows.reports;
  }

  private void readCsv(Path file, Rows rows) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
    try (InputStream in = Files.newInputStream(file);
        MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
      boolean headerChecked = false;
      while (it.hasNextValue()) {
        Map<String, String> row = it.nextValue();
        long line = it.getCurrentLocation().getLineNr() - 1;
        if (!headerChecked) {
          Set<String> unknown = new HashSet<>(row.keySet());
          unknown.removeAll(COLUMNS);
          if (!unknown.isEmpty()) {
            throw new ImportFileException(file, List.of("unknown column(s) " + unknown + "; known: " + COLUMNS), 1);
          }
          headerChecked = true;
        }
        rows.add("line " + line, row::get);
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ImportFileException(file, List.of("malformed CSV at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage()), 1);
    }
  }

  private void readGeoJson(Path file, Rows rows) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (!"FeatureCollection".equals(root.path("type").asText())) {
      throw new ImportFileException(file, List.of("not a GeoJSON FeatureCollection"), 1);
    }
    int i = 0;
    for (JsonNode f : root.path("features")) {
      JsonNode props = f.path("properties");
      JsonNode coords = f.path("geometry").path("type").asText().equals("Point") ? f.path("geometry").path("coordinates") : null;
      rows.add("feature " + i++, key -> switch (key) {
        case "lon" -> coords == null ? null : coords.path(0).asText(null);
        case "lat" -> coords == null ? null : coords.path(1).asText(null);
        default -> props.hasNonNull(key) ? props.get(key).asText() : null;
      });
    }
  }

  /** The rows read so far, their errors, and progress output. */
  private final class Rows {
    final List<NewReport> reports = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final Set<String> externalIds = new HashSet<>();
    final long start = System.nanoTime();
    final Path file;
    int errorCount;

    Rows(Path file) {
      this.file = file;
    }

    void add(String where, Function<String, String> field) {
      List<String> problems = new ArrayList<>();
      NewReport r = row(field, problems);
      if (r != null && !externalIds.add(r.externalId())) {
        problems.add("external_id '" + r.externalId() + "' appears twice in the file");
      }
      if (!problems.isEmpty()) {
        errorCount++;
        if (errors.size() < MAX_ERRORS) {
          errors.add(where + ": " + String.join("; ", problems));
        }
      } else {
        reports.add(r);
      }
      int n = reports.size() + errorCount;
      if (n % 250_000 == 0) {
        double secs = (System.nanoTime() - start) / 1e9;
        progress.printf("read %,d rows of %s (%,.0f rows/s)%n", n, file.getFileName(), n / secs);
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
    if (lon != null && lat != null && !outline.contains(lon, lat)) {
      problems.add("the point " + lon + ", " + lat + " is not in Poland");
    }
    Instant reportedAt = parse(f.apply("reported_at"), "reported_at", FilterParser::parseInstant, problems, true);
    LocalDate occurredOn = parse(f.apply("occurred_on"), "occurred_on", LocalDate::parse, problems, false);
    TimeOfDay timeOfDay = parse(f.apply("time_of_day"), "time_of_day", TimeOfDay::ofCode, problems, false);
    String description = text(f.apply("description"));
    if (description != null && description.codePointCount(0, description.length()) > NewReport.MAX_DESCRIPTION_LENGTH) {
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
        Source.POLICE_SYSTEM, areas.apply(p), externalId, null, false);
  }

  private static String text(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Double number(String v, String name, List<String> problems) {
    try {
      double d = Double.parseDouble(v == null ? "" : v.strip());
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
