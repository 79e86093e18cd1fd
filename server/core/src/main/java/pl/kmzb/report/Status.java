package pl.kmzb.report;

import java.util.EnumSet;
import java.util.Set;

/**
 * A report's status in the KMZB police workflow (the set in force since December 2019).
 * The code is what APIs, filters and the database use; the label is the official Polish name.
 */
public enum Status implements Coded {
  NEW("new", "Nowe", true),
  VERIFICATION("verification", "Weryfikacja", true),
  CONFIRMED("confirmed", "Potwierdzone", true),
  CONFIRMED_HANDED_OVER("confirmed_handed_over", "Potwierdzone (przekazane poza Policję)", true),
  CONFIRMED_ELIMINATED("confirmed_eliminated", "Potwierdzone (wyeliminowane)", true),
  NOT_CONFIRMED("not_confirmed", "Niepotwierdzone", false),
  JOKE_OR_MISTAKE("joke_or_mistake", "Żart lub pomyłka", false);

  /** Statuses an anonymous caller may see; the others are hidden from every public output. */
  public static final Set<Status> PUBLIC = Set.copyOf(EnumSet.of(NEW, VERIFICATION, CONFIRMED,
      CONFIRMED_HANDED_OVER, CONFIRMED_ELIMINATED));
  /** The three "Potwierdzone" statuses; some categories are public only in these. */
  public static final Set<Status> CONFIRMED_ANY = Set.copyOf(EnumSet.of(CONFIRMED,
      CONFIRMED_HANDED_OVER, CONFIRMED_ELIMINATED));

  private final String code;
  private final String labelPl;
  private final boolean isPublic;

  Status(String code, String labelPl, boolean isPublic) {
    this.code = code;
    this.labelPl = labelPl;
    this.isPublic = isPublic;
  }

  @Override
  public String code() {
    return code;
  }

  public String labelPl() {
    return labelPl;
  }

  public boolean isPublic() {
    return isPublic;
  }

  public boolean isConfirmed() {
    return CONFIRMED_ANY.contains(this);
  }

  /** Parses a status code; throws with the list of valid codes so API errors can quote it. */
  public static Status ofCode(String code) {
    return Coded.parse(values(), code, "status");
  }
}
