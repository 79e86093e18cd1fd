package pl.kmzb.cluster;

/**
 * What a snapshot of the cluster indexes was taken of, written at the head of its file and
 * compared at start before the entries are read: the same database ({@code store}), the position
 * in its change log the entries cover ({@code seq}, and the log entry there as {@code anchor}, so
 * a log rebuilt with other entries is noticed), the same category catalogue, the same index shape
 * (zoom settings, tile matrix set, which indexes), and the same boundaries (a fingerprint of their
 * codes and shapes: a generalised report sits in the areas of its cell centre, which move with them).
 */
record SnapshotStamp(String store, long seq, String anchor, String catalogue, String shape, String boundaries) {
  /** Why a snapshot stamped so cannot serve where {@code expected} holds (its seq and anchor ignored), or null. */
  String mismatch(SnapshotStamp expected) {
    if (!store.equals(expected.store)) {
      return "taken of another database (" + store + ", this is " + expected.store + ")";
    }
    if (!catalogue.equals(expected.catalogue)) {
      return "taken with another category catalogue";
    }
    if (!shape.equals(expected.shape)) {
      return "taken with other index settings (zoom levels, tile grid, categories or the set of indexes)";
    }
    if (!boundaries.equals(expected.boundaries)) {
      return "taken with other boundaries";
    }
    return null;
  }
}
