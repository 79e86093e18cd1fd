package pl.kmzb.encode;

import java.util.function.Function;

/**
 * One attribute of a report feature as every feature output names and types it (GeoJSON, GML and
 * its application schema, CSV, queryables). Values come only from a {@link FeatureRow}, whose
 * public form holds nothing but what {@code VisibilityPolicy.show} gives.
 */
public enum FeatureProperty {
  CATEGORY("category", Type.STRING, FeatureRow::category),
  STATUS("status", Type.STRING, r -> r.status().code()),
  REPORTED_AT("reportedAt", Type.DATE_TIME, FeatureRow::reportedAt),
  OCCURRED_ON("occurredOn", Type.DATE, FeatureRow::occurredOn),
  TIME_OF_DAY("timeOfDay", Type.STRING, r -> r.timeOfDay() == null ? null : r.timeOfDay().code()),
  /** The grid the public position is snapped to; 0 for exact positions. */
  GENERALISED_TO_METRES("generalisedToMetres", Type.INTEGER, FeatureRow::generalisedToMetres),
  /** TERYT municipality of the shown position (public view: of the cell centre, never of the true spot). */
  MUNICIPALITY("municipality", Type.STRING, r -> r.areas().municipality()),
  DESCRIPTION("description", Type.STRING, FeatureRow::description),
  DESCRIPTION_PUBLIC("descriptionPublic", Type.BOOLEAN, r -> r.report().descriptionPublic()),
  SOURCE("source", Type.STRING, r -> r.report().source().code()),
  VOIVODESHIP("voivodeship", Type.STRING, r -> r.report().teryt().voivodeship()),
  COUNTY("county", Type.STRING, r -> r.report().teryt().county()),
  EXTERNAL_ID("externalId", Type.STRING, r -> r.report().externalId()),
  PAST_DEADLINE("pastDeadline", Type.BOOLEAN, r -> r.report().isPastDeadline(r.now())),
  UPDATED_AT("updatedAt", Type.DATE_TIME, r -> r.report().updatedAt());

  /** Value types, with their XML Schema and JSON Schema names. */
  public enum Type {
    STRING("string", "string", null),
    INTEGER("int", "integer", null),
    BOOLEAN("boolean", "boolean", null),
    DATE_TIME("dateTime", "string", "date-time"),
    DATE("date", "string", "date");

    private final String xsd;
    private final String json;
    private final String jsonFormat;

    Type(String xsd, String json, String jsonFormat) {
      this.xsd = xsd;
      this.json = json;
      this.jsonFormat = jsonFormat;
    }

    public String xsd() {
      return xsd;
    }

    public String json() {
      return json;
    }

    /** The JSON Schema format, or null. */
    public String jsonFormat() {
      return jsonFormat;
    }
  }

  private final String name;
  private final Type type;
  private final Function<FeatureRow, Object> getter;

  FeatureProperty(String name, Type type, Function<FeatureRow, Object> getter) {
    this.name = name;
    this.type = type;
    this.getter = getter;
  }

  public String propertyName() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The value in {@code row}, or null when the report has none. */
  public Object value(FeatureRow row) {
    return getter.apply(row);
  }

  /** The value as text for XML and CSV: ISO-8601 for times and dates. */
  public String text(FeatureRow row) {
    Object v = value(row);
    return v == null ? null : v.toString();
  }

}
