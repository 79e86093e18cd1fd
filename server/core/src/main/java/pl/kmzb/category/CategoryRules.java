package pl.kmzb.category;

/**
 * Per-category rules.
 *
 * @param descriptionRequired a report without a description is rejected
 * @param publicOnlyWhenConfirmed hidden from public outputs until in one of the three confirmed statuses
 * @param generaliseLocationM when above 0, public outputs show the location snapped to a grid of this
 *     many metres so no home is pinpointed (as police.uk does for crimes)
 */
public record CategoryRules(boolean descriptionRequired, boolean publicOnlyWhenConfirmed, int generaliseLocationM) {
  public static final CategoryRules NONE = new CategoryRules(false, false, 0);
}
