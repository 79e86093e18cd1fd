package pl.kmzb.report;

import java.util.regex.Pattern;

/**
 * TERYT codes of the voivodeship (WW), county (WWPP) and municipality (WWPPGGR) a report lies in.
 * Any part may be null until boundaries are loaded; a present part must be consistent with the
 * wider ones, because area filters and officers' scopes compare prefixes.
 */
public record Teryt(String voivodeship, String county, String municipality) {
  public static final Teryt NONE = new Teryt(null, null, null);
  private static final Pattern VOIVODESHIP = Pattern.compile("\\d{2}");
  private static final Pattern COUNTY = Pattern.compile("\\d{4}");
  private static final Pattern MUNICIPALITY = Pattern.compile("\\d{6}[1-5]");

  public Teryt {
    check(voivodeship, VOIVODESHIP, "voivodeship", "2 digits");
    check(county, COUNTY, "county", "4 digits");
    check(municipality, MUNICIPALITY, "municipality", "7 digits ending in a type 1-5");
    if (county != null && (voivodeship == null || !county.startsWith(voivodeship))) {
      throw new IllegalArgumentException("county " + county + " is not in voivodeship " + voivodeship);
    }
    if (municipality != null && (county == null || !municipality.startsWith(county))) {
      throw new IllegalArgumentException("municipality " + municipality + " is not in county " + county);
    }
  }

  /** Codes of a municipality, with its county and voivodeship derived from the prefix. */
  public static Teryt ofMunicipality(String municipality) {
    return new Teryt(municipality.substring(0, 2), municipality.substring(0, 4), municipality);
  }

  /** True if this location lies in the area named by a 2-, 4- or 7-digit TERYT code. */
  public boolean within(String areaCode) {
    return switch (areaCode.length()) {
      case 2 -> areaCode.equals(voivodeship);
      case 4 -> areaCode.equals(county);
      case 7 -> areaCode.equals(municipality);
      default -> false;
    };
  }

  private static void check(String value, Pattern pattern, String what, String expected) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("TERYT " + what + " code '" + value + "' must be " + expected);
    }
  }
}
