package pl.kmzb.indicator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain CSV both statistics files use: a header naming the columns (any order, any case), then
 * one record per line, separated by ',' or by ';' (the header decides; with ';' a decimal comma is
 * read as a point, as Polish spreadsheets write). Fields carry no separators, so quotes around a
 * field are only stripped. A UTF-8 byte-order mark is skipped. Blank lines are ignored.
 */
final class StatisticsCsv {
  /** A record: its line number (1 = the header) and its fields by column name. */
  record Line(int number, Map<String, String> fields) {
    String get(String column) {
      return fields.get(column);
    }
  }

  /** What the reader makes of a line; false stops reading (too many errors). */
  interface Sink {
    boolean accept(Line line);
  }

  private StatisticsCsv() {}

  /**
   * Reads every record into {@code sink}; returns the problem with the header, or null.
   * {@code decimalComma} receives whether ';' separates fields.
   */
  static String read(BufferedReader in, List<String> columns, boolean[] decimalComma, Sink sink) {
    try {
      String header = in.readLine();
      if (header == null) {
        return "line 1: the file is empty; expected the header " + String.join(",", columns);
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      char sep = header.indexOf(';') >= 0 ? ';' : ',';
      decimalComma[0] = sep == ';';
      List<String> names = split(header, sep).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      if (names.size() != columns.size() || !names.containsAll(columns)) {
        return "line 1: the header is '" + header + "'; expected the columns " + String.join(",", columns)
            + " (any order, separated by ',' or ';')";
      }
      String text;
      int number = 1;
      while ((text = in.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        List<String> fields = split(text, sep);
        Map<String, String> byName = new HashMap<>();
        if (fields.size() == names.size()) {
          for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), fields.get(i));
          }
        }
        if (!sink.accept(new Line(number, byName))) {
          return null;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> split(String line, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == sep) {
        String f = line.substring(start, i).trim();
        if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
          f = f.substring(1, f.length() - 1).trim();
        }
        out.add(f);
        start = i + 1;
      }
    }
    return out;
  }
}
