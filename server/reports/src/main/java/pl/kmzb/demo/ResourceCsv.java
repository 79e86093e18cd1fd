package pl.kmzb.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the small reference tables bundled under {@code /demo/}. They are our own files with no
 * quoting, so a plain split is enough; what matters is that a broken file fails at load with the
 * file and line named, not later with a puzzling number.
 */
final class ResourceCsv {
  private ResourceCsv() {}

  /** Rows after the header, each with exactly as many fields as the header. */
  static List<Row> read(String name, String expectedHeader) {
    String path = "/demo/" + name;
    try (InputStream in = ResourceCsv.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + ": not found on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (!expectedHeader.equals(header)) {
        throw new IllegalStateException(path + ": header must be '" + expectedHeader + "', found '" + header + "'");
      }
      int columns = expectedHeader.split(",").length;
      List<Row> rows = new ArrayList<>();
      int lineNo = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != columns) {
          throw new IllegalStateException(path + " line " + lineNo + ": expected " + columns + " fields, found "
              + fields.length);
        }
        rows.add(new Row(path, lineNo, fields));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read", e);
    }
  }

  record Row(String file, int line, String[] fields) {
    String text(int i) {
      return fields[i].trim();
    }

    double number(int i) {
      try {
        return Double.parseDouble(fields[i].trim());
      } catch (NumberFormatException e) {
        throw error("'" + fields[i] + "' is not a number");
      }
    }

    IllegalStateException error(String message) {
      return new IllegalStateException(file + " line " + line + ": " + message);
    }
  }
}
