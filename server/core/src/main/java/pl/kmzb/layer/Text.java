package pl.kmzb.layer;

import java.util.Locale;

/** A text in Polish and English; Polish is the default, as for the catalogue's names. */
public record Text(String pl, String en) {
  public Text {
    if (pl == null || pl.isBlank() || en == null || en.isBlank()) {
      throw new IllegalArgumentException("a text needs both pl and en");
    }
  }

  /** The text in {@code language} ("pl" or "en", any case, a region ignored); Polish for anything else. */
  public String in(String language) {
    if (language != null && language.strip().toLowerCase(Locale.ROOT).startsWith("en")) {
      return en;
    }
    return pl;
  }
}
