package pl.kmzb.statistics.indicator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.ClassBreaks;
import pl.kmzb.indicator.ClassMethod;
import pl.kmzb.indicator.Indicator;
import pl.kmzb.indicator.IndicatorData;
import pl.kmzb.indicator.IndicatorRow;

/**
 * The JSON and CSV documents of the indicator API. The field names are a contract with the
 * statistics page (docs/notes/stats-indicators.md lists them); change them only with it.
 */
final class IndicatorJson {
  private IndicatorJson() {}

  /** {@code GET /api/statistics/indicators}: the indicators the caller may read, with their data. */
  static byte[] catalogue(Collection<Indicator> indicators, IndicatorData data) {
    return write(g -> {
      g.writeStartObject();
      g.writeNumberField("version", data.version());
      g.writeArrayFieldStart("indicators");
      for (Indicator i : indicators) {
        g.writeStartObject();
        describe(g, i);
        g.writeArrayFieldStart("levels");
        for (BoundaryLevel level : data.levels(i.code())) {
          g.writeStartObject();
          g.writeStringField("level", level.key());
          g.writeArrayFieldStart("periods");
          for (String p : data.periods(i.code(), level)) {
            g.writeString(p);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("population");
      for (BoundaryLevel level : BoundaryLevel.values()) {
        List<Integer> years = data.populationYears(level);
        if (!years.isEmpty()) {
          g.writeStartObject();
          g.writeStringField("level", level.key());
          g.writeArrayFieldStart("years");
          for (int y : years) {
            g.writeNumber(y);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("per");
      for (int p : List.of(1, 10_000, 100_000)) {
        g.writeNumber(p);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("methods");
      for (ClassMethod m : ClassMethod.values()) {
        g.writeString(m.code());
      }
      g.writeEndArray();
      g.writeNumberField("minClasses", ClassBreaks.MIN_CLASSES);
      g.writeNumberField("maxClasses", ClassBreaks.MAX_CLASSES);
      g.writeEndObject();
    });
  }

  private static void describe(JsonGenerator g, Indicator i) throws IOException {
    g.writeStringField("code", i.code());
    g.writeObjectFieldStart("name");
    g.writeStringField("pl", i.namePl());
    g.writeStringField("en", i.nameEn());
    g.writeEndObject();
    g.writeObjectFieldStart("unit");
    g.writeStringField("pl", i.unitPl());
    g.writeStringField("en", i.unitEn());
    g.writeEndObject();
    g.writeBooleanField("rate", i.rate());
    g.writeStringField("access", i.access());
  }

  /** {@code GET /api/statistics/indicators/{code}} as JSON. */
  static byte[] answer(IndicatorAnswer a) {
    return write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("indicator");
      describe(g, a.indicator());
      g.writeEndObject();
      g.writeStringField("level", a.level().key());
      g.writeStringField("period", a.period());
      g.writeNumberField("per", a.per());
      g.writeStringField("method", a.method().code());
      g.writeNumberField("classesRequested", a.classesRequested());
      g.writeStringField("classifiedBy", a.classifiedBy());
      g.writeArrayFieldStart("breaks");
      for (double b : a.breaks().breaks()) {
        g.writeNumber(b);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("classes");
      int[] counts = a.classCounts();
      List<Double> b = a.breaks().breaks();
      for (int c = 0; c < counts.length; c++) {
        g.writeStartObject();
        g.writeNumberField("class", c);
        g.writeNumberField("lower", b.get(c));
        g.writeNumberField("upper", b.get(c + 1));
        g.writeNumberField("count", counts[c]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("withoutPopulation");
      for (String code : a.withoutPopulation()) {
        g.writeString(code);
      }
      g.writeEndArray();
      g.writeNumberField("version", a.version());
      g.writeArrayFieldStart("rows");
      for (int i = 0; i < a.rows().size(); i++) {
        IndicatorRow r = a.rows().get(i);
        g.writeStartObject();
        g.writeStringField("code", r.code());
        g.writeStringField("name", r.name());
        g.writeStringField("period", r.period());
        g.writeNumberField("value", r.value());
        if (r.population() == null) {
          g.writeNullField("population");
        } else {
          g.writeNumberField("population", r.population());
        }
        if (r.rate() == null) {
          g.writeNullField("rate");
        } else {
          g.writeNumberField("rate", r.rate());
        }
        Integer c = a.classOfRow().get(i);
        if (c == null) {
          g.writeNullField("class");
        } else {
          g.writeNumberField("class", c);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** The rows as CSV: code,name,period,value,population,rate,class; empty fields for nulls. */
  static byte[] csv(IndicatorAnswer a) {
    StringBuilder out = new StringBuilder("code,name,period,value,population,rate,class\r\n");
    for (int i = 0; i < a.rows().size(); i++) {
      IndicatorRow r = a.rows().get(i);
      Integer c = a.classOfRow().get(i);
      out.append(r.code()).append(',').append(quote(r.name())).append(',').append(r.period()).append(',')
          .append(plain(r.value())).append(',').append(r.population() == null ? "" : r.population()).append(',')
          .append(r.rate() == null ? "" : plain(r.rate())).append(',').append(c == null ? "" : c).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A number without a needless ".0" or exponent: 12, 12.5, 0.0001. */
  static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String quote(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = pl.kmzb.http.Json.MAPPER.getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
