package pl.kmzb.roads;

import java.util.Locale;

/**
 * The public road classes the segment analysis covers. Motorways (A) and expressways (S) are
 * national roads in Polish law (ustawa o drogach publicznych, art. 2), so their numbers belong to
 * {@link #NATIONAL} too.
 */
public enum RoadClass {
  NATIONAL("national"),
  VOIVODESHIP("voivodeship");

  private final String key;

  RoadClass(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The class of a stored or typed key ("national", "krajowa", "voivodeship", "wojewódzka"), or null. */
  public static RoadClass ofKey(String key) {
    return switch (key.strip().toLowerCase(Locale.ROOT)) {
      case "national", "krajowa", "dk" -> NATIONAL;
      case "voivodeship", "wojewodzka", "wojewódzka", "dw" -> VOIVODESHIP;
      default -> null;
    };
  }

  /** The class a normalised number names: A, S and DK are national, DW voivodeship. */
  public static RoadClass ofNumber(String number) {
    return number.startsWith("DW") ? VOIVODESHIP : NATIONAL;
  }
}
