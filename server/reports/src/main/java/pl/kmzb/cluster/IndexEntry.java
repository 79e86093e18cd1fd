package pl.kmzb.cluster;

import pl.kmzb.tiles.Morton;

/**
 * One public report as the cluster index holds it: its public position in world coordinates and
 * the attributes filters ask about, as small codes.
 *
 * @param category index in the category catalogue's order
 * @param status {@link pl.kmzb.report.Status} ordinal
 * @param source {@link pl.kmzb.report.Source} ordinal
 * @param time reported_at in nanoseconds since the epoch (saturated outside 1677-2262)
 * @param area index in the index's {@link AreaTable}
 */
record IndexEntry(long id, int x, int y, int category, int status, int source, long time, int area) {
  IndexEntry {
    if (x < 0 || y < 0) {
      throw new IllegalArgumentException("world coordinates must be >= 0: " + x + "," + y);
    }
  }

  long morton() {
    return Morton.encode(x, y);
  }
}
