package pl.kmzb.boundary;

import java.util.Optional;
import java.util.regex.Pattern;
import pl.kmzb.report.Teryt;

/**
 * A level of Poland's administrative division and the shape of its TERYT code. The code of a finer
 * level starts with the codes of the wider ones, which is what lets {@link BoundaryIndex} derive a
 * whole {@link Teryt} from the finest boundary that covers a point.
 */
public enum BoundaryLevel {
  /** Województwo: WW, 16 of them (PRG A01). */
  VOIVODESHIP("voivodeship", 2, Pattern.compile("\\d{2}"), "2 digits"),
  /** Powiat, including cities with county rights: WWPP, 380 of them (PRG A02). */
  COUNTY("county", 4, Pattern.compile("\\d{4}"), "4 digits"),
  /**
   * Gmina: WWPPGGR, ~2,477 of them (PRG A03). R is the type: 1 urban, 2 rural, 3 urban-rural, and 4/5
   * for the town and rural parts of an urban-rural one. Types 8 and 9 (Warsaw districts, delegations
   * of other cities) are parts of a municipality, not municipalities, so they are rejected.
   */
  MUNICIPALITY("municipality", 7, Pattern.compile("\\d{6}[1-5]"), "7 digits ending in a type 1-5");

  private final String key;
  private final int codeLength;
  private final Pattern code;
  private final String expected;

  BoundaryLevel(String key, int codeLength, Pattern code, String expected) {
    this.key = key;
    this.codeLength = codeLength;
    this.code = code;
    this.expected = expected;
  }

  /** The lower-case name stored in the {@code boundary.level} column. */
  public String key() {
    return key;
  }

  public int codeLength() {
    return codeLength;
  }

  public boolean isValidCode(String candidate) {
    return candidate != null && code.matcher(candidate).matches();
  }

  /** Why {@code candidate} is not a code of this level, or empty if it is one. */
  public Optional<String> problem(String candidate) {
    if (isValidCode(candidate)) {
      return Optional.empty();
    }
    return Optional.of("'" + candidate + "' is not a " + key + " TERYT code (" + expected + ")");
  }

  /** The codes of a point inside the area {@code code} of this level, wider levels from its prefix. */
  public Teryt teryt(String code) {
    return switch (this) {
      case VOIVODESHIP -> new Teryt(code, null, null);
      case COUNTY -> new Teryt(code.substring(0, 2), code, null);
      case MUNICIPALITY -> Teryt.ofMunicipality(code);
    };
  }

  /** The level whose codes have this many digits. */
  public static Optional<BoundaryLevel> ofCode(String code) {
    for (BoundaryLevel level : values()) {
      if (level.isValidCode(code)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /** Parses {@code voivodeship}, {@code county} or {@code municipality} (any case). */
  public static BoundaryLevel ofKey(String key) {
    for (BoundaryLevel level : values()) {
      if (level.key.equalsIgnoreCase(key)) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown boundary level '" + key
        + "'; expected voivodeship, county or municipality");
  }
}
