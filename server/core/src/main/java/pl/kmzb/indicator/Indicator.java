package pl.kmzb.indicator;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One indicator of the police system or of a survey, as {@code layers/indicators.yaml} describes it.
 * {@code rate} marks a count that is meaningful per inhabitant (accidents, burglaries): only those
 * get rates per 10,000 and 100,000; a share or an index (sense of safety) never does.
 */
public record Indicator(
    String code,
    @JsonProperty("name_pl") String namePl,
    @JsonProperty("name_en") String nameEn,
    @JsonProperty("unit_pl") String unitPl,
    @JsonProperty("unit_en") String unitEn,
    boolean rate,
    String access) {

  public static final String PUBLIC = "public";
  public static final String POLICE = "police";

  /** True when only callers with credentials may read it. */
  public boolean policeOnly() {
    return POLICE.equals(access);
  }
}
