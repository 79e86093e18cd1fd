package pl.kmzb.statistics;

import pl.kmzb.report.Teryt;

/**
 * The area level statistics are grouped by. Police-unit areas are not a level yet: the store
 * knows a report's TERYT codes, not the unit whose area it lies in (units take TERYT areas, so a
 * unit's figures are those of its counties or voivodeship: ask for them with {@code area=}).
 */
public enum AreaLevel {
  COUNTRY("country"), VOIVODESHIP("voivodeship"), COUNTY("county"), MUNICIPALITY("municipality");

  /** The code rows of the country level carry. */
  static final String POLAND = "PL";

  private final String code;

  AreaLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The report's area at this level, or null when its codes do not reach this level. */
  String areaOf(Teryt t) {
    return switch (this) {
      case COUNTRY -> POLAND;
      case VOIVODESHIP -> t.voivodeship();
      case COUNTY -> t.county();
      case MUNICIPALITY -> t.municipality();
    };
  }

  static AreaLevel ofCode(String code) {
    for (AreaLevel l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown level '" + code + "'; known: country, voivodeship, county, municipality");
  }
}
