package pl.kmzb.statistics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import pl.kmzb.report.Status;

/**
 * The JSON document of an answer, written field by field with Jackson's generator: an answer may
 * hold tens of thousands of rows, and a map per row costs more than the query itself.
 */
final class StatisticsJson {
  /**
   * Doubles written by Jackson's Schubfach writer (the shortest digits that read back as the same
   * number), not JDK 17's {@code Double.toString}; the target stream is the caller's to close.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private StatisticsJson() {}

  /** The document in memory (tests and the in-process measurements). */
  static byte[] document(StatisticsQuery q, List<StatisticsRow> rows, Instant now, long version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 320);
    try {
      write(out, q, rows, now, version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the document to {@code target} as it goes: an answer of 240,000 rows is ~120 MB of JSON,
   * which the server streams rather than holds.
   */
  static void write(OutputStream target, StatisticsQuery q, List<StatisticsRow> rows, Instant now, long version)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(target)) {
      g.writeStartObject();
      g.writeStringField("view", q.police() ? "police" : "public");
      g.writeStringField("level", q.level().code());
      g.writeStringField("by", q.by().code());
      g.writeStringField("period", q.period().code());
      g.writeStringField("from", q.from() == null ? null : q.from().toString());
      g.writeStringField("to", q.to() == null ? null : q.to().toString());
      g.writeStringField("timeZone", StatisticsIndex.ZONE.getId());
      g.writeStringField("asOf", now.toString());
      if (q.police()) {
        // The change-log position moves with hidden writes too (as /health's details, police only).
        g.writeNumberField("dataVersion", version);
      }
      g.writeArrayFieldStart("rows");
      for (StatisticsRow r : rows) {
        row(g, r, q);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void row(JsonGenerator g, StatisticsRow r, StatisticsQuery q) throws IOException {
    g.writeStartObject();
    g.writeStringField("area", r.area());
    if (q.by() == Breakdown.CATEGORY) {
      g.writeStringField("category", r.category());
    } else if (q.by() == Breakdown.GROUP) {
      g.writeStringField("group", r.group());
    }
    g.writeStringField("period", r.period());
    g.writeStringField("start", r.start() == null ? null : r.start().toString());
    g.writeStringField("end", r.end() == null ? null : r.end().toString());
    g.writeNumberField("count", r.count());
    g.writeObjectFieldStart("byStatus");
    for (Map.Entry<Status, Integer> e : r.byStatus().entrySet()) {
      g.writeNumberField(e.getKey().code(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("confirmed", r.confirmed());
    g.writeNumberField("confirmationRate", r.confirmationRate());
    g.writeNumberField("pastDeadline", r.pastDeadline());
    g.writeNumberField("pastDeadlineShare", r.pastDeadlineShare());
    Double median = r.medianSecondsToVerification();
    if (median == null) {
      g.writeNullField("medianSecondsToVerification");
      g.writeNullField("medianHoursToVerification");
    } else {
      g.writeNumberField("medianSecondsToVerification", median);
      g.writeNumberField("medianHoursToVerification", Math.round(median / 36.0) / 100.0);
    }
    g.writeNumberField("withVerificationTime", r.withVerificationTime());
    if (q.period() != Period.ALL) {
      g.writeNumberField("previousCount", r.previousCount());
      Double trend = r.trend();
      if (trend == null) {
        g.writeNullField("trend");
      } else {
        g.writeNumberField("trend", trend);
      }
    }
    g.writeEndObject();
  }
}
