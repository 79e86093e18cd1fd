package pl.kmzb.category;

/**
 * A threat category of the closed KMZB catalogue. {@code code} is stable: APIs, filters, tiles and
 * the database refer to it. {@code icon} names a Maki icon; {@code colour} is {@code #rrggbb}.
 */
public record Category(
    String code,
    String namePl,
    String nameEn,
    String group,
    String colour,
    String icon,
    boolean active,
    CategoryRules rules) {

  public Category {
    rules = rules == null ? CategoryRules.NONE : rules;
  }
}
