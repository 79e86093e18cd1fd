package pl.kmzb.statistics;

import pl.kmzb.report.Teryt;

/**
 * The area level statistics are grouped by. {@link #POLICE_UNIT}: one row per police unit, counting
 * the reports in the TERYT areas it serves (each once per unit, however its areas overlap; a report
 * counts for every unit serving its area, so a voivodeship headquarters' row holds its counties'
 * stations' reports too and the rows do not add up to the country's).
 */
public enum AreaLevel {
  COUNTRY("country"), VOIVODESHIP("voivodeship"), COUNTY("county"), MUNICIPALITY("municipality"),
  POLICE_UNIT("police-unit");

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
      case POLICE_UNIT -> throw new IllegalStateException("a report's police units come from the units' areas");
    };
  }

  static AreaLevel ofCode(String code) {
    for (AreaLevel l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown level '" + code
        + "'; known: country, voivodeship, county, municipality, police-unit");
  }
}
