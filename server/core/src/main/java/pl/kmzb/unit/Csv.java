package pl.kmzb.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, line breaks and
 * doubled quotes; CRLF or LF line ends. Each record keeps the line it starts on, so errors can name
 * it even when a quoted field spans lines.
 */
final class Csv {
  /** One record; {@code problem} is set when the record is malformed (its fields are then unreliable). */
  record Row(int line, List<String> fields, String problem) {
    boolean blank() {
      return fields.size() == 1 && fields.get(0).isBlank() && problem == null;
    }
  }

  /** The records, and a problem that stopped reading (an unclosed quote), or null. */
  record Parsed(List<Row> rows, String fatal) {}

  private Csv() {}

  static Parsed parse(String text) {
    List<Row> rows = new ArrayList<>();
    int n = text.length();
    int i = 0;
    int line = 1;
    StringBuilder field = new StringBuilder();
    while (i < n) {
      int start = line;
      List<String> fields = new ArrayList<>();
      String problem = null;
      while (true) {
        if (i < n && text.charAt(i) == '"') {
          int quoteLine = line;
          i++;
          boolean closed = false;
          while (i < n) {
            char ch = text.charAt(i++);
            if (ch == '"') {
              if (i < n && text.charAt(i) == '"') {
                field.append('"');
                i++;
              } else {
                closed = true;
                break;
              }
            } else {
              if (ch == '\n') {
                line++;
              }
              field.append(ch);
            }
          }
          if (!closed) {
            return new Parsed(rows, "line " + quoteLine + ": a quoted field is never closed");
          }
          if (i < n && !isEnd(text.charAt(i))) {
            problem = "text after a closing quote (quote the whole field and double any quote inside it)";
            while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
              i++;
            }
          }
        } else {
          while (i < n && !isEnd(text.charAt(i))) {
            char ch = text.charAt(i++);
            if (ch == '"' && problem == null) {
              problem = "a quote inside an unquoted field (quote the whole field and double any quote inside it)";
            }
            field.append(ch);
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        if (i >= n) {
          break;
        }
        char ch = text.charAt(i++);
        if (ch == ',') {
          continue;
        }
        if (ch == '\r' && i < n && text.charAt(i) == '\n') {
          i++;
        }
        line++;
        break;
      }
      rows.add(new Row(start, fields, problem));
    }
    return new Parsed(rows, null);
  }

  private static boolean isEnd(char ch) {
    return ch == ',' || ch == '\n' || ch == '\r';
  }
}
