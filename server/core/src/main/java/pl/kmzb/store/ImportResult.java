package pl.kmzb.store;

/** What a bulk import stored: new reports, and rows skipped because their external id was already stored. */
public record ImportResult(int inserted, int skipped) {}
