package pl.kmzb.analytics;

import java.util.Arrays;
import pl.kmzb.report.Teryt;

/** The level of TERYT areas a coverage summary is given for. */
public enum AreaLevel {
  VOIVODESHIP("voivodeship"),
  COUNTY("county"),
  MUNICIPALITY("municipality");

  private final String code;

  AreaLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The report's area at this level, or null when the report has none (outside imported boundaries). */
  public String areaOf(Teryt t) {
    return switch (this) {
      case VOIVODESHIP -> t.voivodeship();
      case COUNTY -> t.county();
      case MUNICIPALITY -> t.municipality();
    };
  }

  public static AreaLevel ofCode(String code) {
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("level must be voivodeship, county or municipality"));
  }
}
