package pl.kmzb.demo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import pl.kmzb.report.NewReport;

/**
 * Writes a generated set to a file for benchmarks and imports, streaming, so millions of reports
 * need no more memory than one. Both formats carry the same columns; in GeoJSON lon/lat are the
 * point geometry. Coordinates are written with exactly 6 decimals, times as ISO-8601 UTC.
 */
public final class DemoFiles {
  static final String CSV_HEADER =
      "external_id,category,status,lon,lat,reported_at,occurred_on,time_of_day,description,source";
  private static final String CRLF = "\r\n";
  private static final int BUFFER = 1 << 16;
  private static final long SECONDS_PER_DAY = 86_400;

  private DemoFiles() {}

  /** RFC 4180 CSV, UTF-8, CRLF line ends; the free-text description is always quoted. */
  public static void writeCsv(Path file, DemoGenerator g, long count) throws IOException {
    try (Writer out = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER)) {
      out.write(CSV_HEADER);
      out.write(CRLF);
      StringBuilder line = new StringBuilder(256);
      g.generate(count, r -> {
        line.setLength(0);
        appendCsvRow(line, r);
        try {
          out.append(line);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** An RFC 7946 FeatureCollection with one feature per line, so large files stay easy to inspect. */
  public static void writeGeoJson(Path file, DemoGenerator g, long count) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        JsonGenerator json = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(new FeaturePerLine());
      json.writeStartObject();
      json.writeStringField("type", "FeatureCollection");
      json.writeArrayFieldStart("features");
      StringBuilder number = new StringBuilder(16);
      g.generate(count, r -> {
        try {
          writeFeature(json, r, number);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      json.writeEndArray();
      json.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static void appendCsvRow(StringBuilder sb, NewReport r) {
    appendCsvField(sb, r.externalId());
    sb.append(',');
    appendCsvField(sb, r.category());
    sb.append(',').append(r.status().code()).append(',');
    appendFixed6(sb, r.location().lon());
    sb.append(',');
    appendFixed6(sb, r.location().lat());
    sb.append(',');
    appendInstant(sb, r.reportedAt());
    sb.append(',');
    if (r.occurredOn() != null) {
      sb.append(r.occurredOn());
    }
    sb.append(',');
    if (r.timeOfDay() != null) {
      sb.append(r.timeOfDay().code());
    }
    sb.append(',');
    if (r.description() != null) {
      appendQuoted(sb, r.description());
    }
    sb.append(',').append(r.source().code()).append(CRLF);
  }

  /** A field as RFC 4180 wants it: quoted only when it holds a comma, quote or line break. */
  static void appendCsvField(StringBuilder sb, String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        appendQuoted(sb, value);
        return;
      }
    }
    sb.append(value);
  }

  static void appendQuoted(StringBuilder sb, String value) {
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Exactly 6 decimals without String.format, which would dominate the cost of a 5 M-row file. */
  static void appendFixed6(StringBuilder sb, double value) {
    long micro = Math.round(value * 1e6);
    if (micro < 0) {
      sb.append('-');
      micro = -micro;
    }
    sb.append(micro / 1_000_000).append('.');
    long fraction = micro % 1_000_000;
    for (long digit = 100_000; digit > 1 && fraction < digit; digit /= 10) {
      sb.append('0');
    }
    sb.append(fraction);
  }

  /**
   * ISO-8601 UTC as {@link Instant#toString()} writes it; whole seconds are formatted by hand
   * because the general formatter costs more than generating the report.
   */
  static void appendInstant(StringBuilder sb, Instant t) {
    long seconds = t.getEpochSecond();
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    if (t.getNano() != 0 || day.getYear() < 1000 || day.getYear() > 9999) {
      sb.append(t);
      return;
    }
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    sb.append(day).append('T');
    appendTwoDigits(sb, secondOfDay / 3600);
    sb.append(':');
    appendTwoDigits(sb, secondOfDay / 60 % 60);
    sb.append(':');
    appendTwoDigits(sb, secondOfDay % 60);
    sb.append('Z');
  }

  private static void appendTwoDigits(StringBuilder sb, int value) {
    sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static void writeFeature(JsonGenerator json, NewReport r, StringBuilder number) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "Feature");
    json.writeStringField("id", r.externalId());
    json.writeObjectFieldStart("geometry");
    json.writeStringField("type", "Point");
    json.writeArrayFieldStart("coordinates");
    writeFixed6(json, r.location().lon(), number);
    writeFixed6(json, r.location().lat(), number);
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("properties");
    json.writeStringField("external_id", r.externalId());
    json.writeStringField("category", r.category());
    json.writeStringField("status", r.status().code());
    number.setLength(0);
    appendInstant(number, r.reportedAt());
    json.writeStringField("reported_at", number.toString());
    json.writeStringField("occurred_on", r.occurredOn() == null ? null : r.occurredOn().toString());
    json.writeStringField("time_of_day", r.timeOfDay() == null ? null : r.timeOfDay().code());
    json.writeStringField("description", r.description());
    json.writeStringField("source", r.source().code());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeFixed6(JsonGenerator json, double value, StringBuilder number) throws IOException {
    number.setLength(0);
    appendFixed6(number, value);
    json.writeNumber(number.toString());
  }

  /** Compact JSON, but each element of the features array on its own line. */
  private static final class FeaturePerLine extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (isFeatures(g)) {
        g.writeRaw('\n');
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(isFeatures(g) ? ",\n" : ",");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      if (isFeatures(g) && nrOfValues > 0) {
        g.writeRaw('\n');
      }
      g.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      g.writeRaw('}');
      // Called while the closing object is still the current context.
      if (g.getOutputContext().getParent().inRoot()) {
        g.writeRaw('\n');
      }
    }

    /** The features array is the only array directly inside the top-level object. */
    private static boolean isFeatures(JsonGenerator g) {
      return g.getOutputContext().inArray() && g.getOutputContext().getParent().getParent().inRoot();
    }
  }
}
