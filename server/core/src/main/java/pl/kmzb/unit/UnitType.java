package pl.kmzb.unit;

import java.util.Locale;
import java.util.Optional;

/** Kinds of Polish police units, from the widest to the smallest. */
public enum UnitType {
  /** Komenda Wojewódzka Policji: a voivodeship headquarters (KSP in Warsaw is imported as one). */
  KWP("Komenda Wojewódzka Policji"),
  /** Komenda Miejska Policji: a city with county rights. */
  KMP("Komenda Miejska Policji"),
  /** Komenda Powiatowa Policji: a county. */
  KPP("Komenda Powiatowa Policji"),
  /** Komisariat Policji: part of a county, usually some municipalities. */
  KP("Komisariat Policji"),
  /** Posterunek Policji: a post, usually one municipality. */
  PP("Posterunek Policji");

  private final String polishName;

  UnitType(String polishName) {
    this.polishName = polishName;
  }

  /** The full Polish name, such as "Komenda Powiatowa Policji". */
  public String polishName() {
    return polishName;
  }

  /** The type with this code (any case, surrounding blanks ignored), or empty. */
  public static Optional<UnitType> ofCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.strip().toUpperCase(Locale.ROOT);
    for (UnitType t : values()) {
      if (t.name().equals(wanted)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
