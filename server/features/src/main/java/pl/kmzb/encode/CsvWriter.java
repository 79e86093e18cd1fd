package pl.kmzb.encode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Features as CSV (RFC 4180): a header, then one line per feature with the id, the two coordinates in
 * output axis order (named {@code x}/{@code y} after the order, see {@link #header}) and the view's
 * properties. Written as the rows arrive.
 */
public final class CsvWriter implements AutoCloseable {
  private final BufferedWriter out;
  private final FeatureView view;
  /** The properties written (PROPERTYNAME narrows them). */
  private java.util.List<FeatureProperty> properties;
  private final Coordinates coordinates;
  private final double[] xy = new double[2];

  public CsvWriter(OutputStream stream, FeatureView view, Coordinates coordinates) {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.view = view;
    this.properties = view.properties();
    this.coordinates = coordinates;
  }

  /** Writes only these properties of the view, in the view's order (WFS PROPERTYNAME). */
  public CsvWriter select(java.util.Collection<FeatureProperty> selected) {
    this.properties = view.properties().stream().filter(selected::contains).toList();
    return this;
  }

  /** The header: {@code id}, the names of the two coordinate columns, then the properties. */
  public void header(String first, String second) throws IOException {
    out.write("id,");
    out.write(first);
    out.write(',');
    out.write(second);
    for (FeatureProperty p : properties) {
      out.write(',');
      out.write(p.propertyName());
    }
    out.write("\r\n");
  }

  public void feature(FeatureRow row) throws IOException {
    coordinates.project(row.location().lon(), row.location().lat(), xy);
    out.write(Long.toString(row.id()));
    out.write(',');
    out.write(Double.toString(Coordinates.round(xy[0], coordinates.decimals())));
    out.write(',');
    out.write(Double.toString(Coordinates.round(xy[1], coordinates.decimals())));
    for (FeatureProperty p : properties) {
      out.write(',');
      String v = p.text(row);
      if (v != null) {
        field(v);
      }
    }
    out.write("\r\n");
  }

  private void field(String v) throws IOException {
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.write(v);
      return;
    }
    out.write('"');
    out.write(v.replace("\"", "\"\""));
    out.write('"');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
