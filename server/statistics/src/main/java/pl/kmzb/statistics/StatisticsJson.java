package pl.kmzb.statistics;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import pl.kmzb.http.Json;
import pl.kmzb.report.Status;

/**
 * The JSON document of an answer, written field by field with Jackson's generator: an answer may
 * hold tens of thousands of rows, and a map per row costs more than the query itself.
 */
final class StatisticsJson {
  private StatisticsJson() {}

  static byte[] document(StatisticsQuery q, List<StatisticsRow> rows, Instant now, long version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 320);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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
