package pl.kmzb.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code import-reports --skip-failures} writes the rows it did not store, in the format of
 * the input and importable as it is: each row keeps its original values and gains its line (or
 * feature) number and the reason, in the columns (or properties) {@code reject_line} and
 * {@code reject_reason}, which the importer ignores. An operator fixes the values in place and
 * imports this file (or the fixed original: stored rows are skipped by their external id).
 *
 * <p>Written by the reading thread as it meets bad rows, so good rows cost nothing more. Opened
 * before anything is imported, so a path that cannot be written stops the import first.
 */
abstract sealed class RejectsFile implements AutoCloseable {
  static final String LINE = "reject_line";
  static final String REASON = "reject_reason";

  final Path path;
  final Writer out;
  private long count;

  private RejectsFile(Path path, Writer out) {
    this.path = path;
    this.out = out;
  }

  /** Creates (or truncates) the file; the format follows the input file's. */
  static RejectsFile open(Path rejects, boolean geoJson) throws IOException {
    Writer out = Files.newBufferedWriter(rejects, StandardCharsets.UTF_8);
    return geoJson ? new GeoJson(rejects, out) : new Csv(rejects, out);
  }

  long count() {
    return count;
  }

  void counted() {
    count++;
  }

  /** Writes what ends the file and flushes it: after this, every reject is on disk or this threw. */
  abstract void finish() throws IOException;

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** A CSV file with the input's header after {@code reject_line,reject_reason}. */
  static final class Csv extends RejectsFile {
    /** Positions of the input's values that are copied: all but its own reject columns. */
    private int[] copied = new int[0];
    private boolean headerWritten;

    Csv(Path path, Writer out) {
      super(path, out);
    }

    /** Writes the header; the input's own reject columns (a rejects file imported again) are dropped. */
    void header(String[] header) {
      copied = java.util.stream.IntStream.range(0, header.length)
          .filter(i -> !header[i].equals(LINE) && !header[i].equals(REASON)).toArray();
      String[] names = new String[copied.length];
      for (int i = 0; i < copied.length; i++) {
        names[i] = header[copied[i]];
      }
      write(LINE, REASON, names);
      headerWritten = true;
    }

    /** A row that fits the header: its values under the header's columns. */
    void row(long line, String reason, String[] values) {
      String[] kept = new String[copied.length];
      for (int i = 0; i < copied.length; i++) {
        kept[i] = values[copied[i]];
      }
      write(Long.toString(line), reason, kept);
      counted();
    }

    /** A row that does not fit the header (a wrong number of values): its values as they were. */
    void malformed(long line, String reason, String[] values) {
      write(Long.toString(line), reason, values);
      counted();
    }

    @Override
    void finish() throws IOException {
      if (!headerWritten) {
        write(LINE, REASON, new String[0]);
      }
      out.flush();
    }

    private void write(String first, String second, String[] rest) {
      try {
        out.write(quoted(first));
        out.write(',');
        out.write(quoted(second));
        for (String v : rest) {
          out.write(',');
          out.write(quoted(v));
        }
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the rejects file " + path, e);
      }
    }

    /** RFC 4180: quoted when it holds a separator, a quote or a line break; null is empty. */
    static String quoted(String v) {
      if (v == null) {
        return "";
      }
      boolean plain = v.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
      return plain ? v : '"' + v.replace("\"", "\"\"") + '"';
    }
  }

  /** A GeoJSON FeatureCollection of the rejected features, each with the two reject properties. */
  static final class GeoJson extends RejectsFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonGenerator json;

    GeoJson(Path path, Writer out) throws IOException {
      super(path, out);
      this.json = JSON.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("type", "FeatureCollection");
      json.writeArrayFieldStart("features");
    }

    void feature(long n, String reason, JsonNode feature) {
      ObjectNode copy;
      if (feature instanceof ObjectNode o) {
        copy = o.deepCopy();
      } else {
        // Not a feature at all: kept whole under a property, so nothing of the input is lost.
        copy = JSON.createObjectNode().put("type", "Feature").putNull("geometry");
        copy.putObject("properties").set("original", feature);
      }
      ObjectNode properties = copy.get("properties") instanceof ObjectNode p ? p : copy.putObject("properties");
      properties.put(LINE, n).put(REASON, reason);
      try {
        JSON.writeTree(json, copy);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the rejects file " + path, e);
      }
      counted();
    }

    @Override
    void finish() throws IOException {
      json.writeEndArray();
      json.writeEndObject();
      json.flush();
      out.flush();
    }
  }
}
