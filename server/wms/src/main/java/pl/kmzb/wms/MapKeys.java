package pl.kmzb.wms;

import java.util.Locale;

/**
 * The canonical key of a map image: everything that changes the pixels and nothing else, so two
 * spellings of one request (parameter case and order, version and its axis order, style "default"
 * or empty, filter value order) share one entry. Bounds are written in the internal axis order at
 * 1e-9 of the view's size (far below a pixel); a standard-grid tile is written as its grid
 * coordinates.
 */
final class MapKeys {
  private MapKeys() {}

  /**
   * The key of {@code r}, or null when the image must not be cached (police layers, SLD_BODY styles,
   * layers read from the store: the image cache's data version follows the cluster index, which
   * does not move when, say, a description is published).
   */
  static String of(MapRequest r) {
    if (r.isPrivate() || r.sld() || r.layers().stream().anyMatch(l -> l.scan() != null)) {
      return null;
    }
    StringBuilder sb = new StringBuilder(128);
    for (DrawnLayer l : r.layers()) {
      sb.append(l.layer().id()).append(':').append(l.style().name()).append(':').append(l.filterKey()).append(';');
    }
    sb.append('|').append(r.crs().code()).append('|');
    if (r.tile() != null) {
      sb.append(r.tile().key());
    } else {
      double qx = r.bbox().width() * 1e-9;
      double qy = r.bbox().height() * 1e-9;
      sb.append(Math.round(r.bbox().minX() / qx)).append(',').append(Math.round(r.bbox().minY() / qy)).append(',')
          .append(Math.round(r.bbox().maxX() / qx)).append(',').append(Math.round(r.bbox().maxY() / qy)).append('@')
          .append(String.format(Locale.ROOT, "%.6e,%.6e", qx, qy));
    }
    sb.append('|').append(r.width()).append('x').append(r.height()).append('|').append(r.format().name())
        .append('|').append(r.transparent() && r.format().alpha() ? "t" : Integer.toHexString(r.background().getRGB()))
        .append('|').append(r.language());
    // Indicator variants in layer order (a record's text: period, per, classes, method).
    for (DrawnLayer l : r.layers()) {
      var shown = r.indicators().get(l.layer().id());
      if (shown != null) {
        sb.append('|').append(l.layer().id()).append('=').append(shown);
      }
    }
    return sb.toString();
  }
}
