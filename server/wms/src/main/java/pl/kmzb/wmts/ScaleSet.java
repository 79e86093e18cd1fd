package pl.kmzb.wmts;

import java.util.List;
import java.util.Optional;
import pl.kmzb.tiles.MatrixSet;

/**
 * A well-known scale set of WMTS 1.0 (07-057r7 Annex E) a tile matrix set may declare in
 * capabilities. WMTS 1.0 is stricter than the TMS 2.0 registry the matrix sets follow: a set conforms
 * only when it uses the scale set's CRS (written as the annex writes it) and has every scale from the
 * scale set's largest one down (07-057r7, 6.2). WorldCRS84Quad (two tiles at level 0) starts at
 * GoogleCRS84Quad's second scale, so its capabilities declare none, though its TMS 2.0 JSON names
 * GoogleCRS84Quad as the registry does.
 *
 * @param urn the scale set's URN as WMTS capabilities write it
 * @param crs the CRS URN the annex gives for it
 * @param largestScale the annex's largest scale denominator
 * @param wkss the TMS 2.0 URI of the same scale set (what {@link MatrixSet#wellKnownScaleSet()} holds)
 */
record ScaleSet(String urn, String crs, double largestScale, String wkss) {
  private static final List<ScaleSet> ANNEX_E = List.of(
      new ScaleSet("urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible", "urn:ogc:def:crs:EPSG:6.18:3:3857",
          559082264.0287178, "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible"),
      new ScaleSet("urn:ogc:def:wkss:OGC:1.0:GoogleCRS84Quad", "urn:ogc:def:crs:OGC:1.3:CRS84",
          559082264.0287178, "http://www.opengis.net/def/wkss/OGC/1.0/GoogleCRS84Quad"));
  /** Relative tolerance of "the same scale": the annex prints 16 significant digits. */
  private static final double SAME = 1e-12;

  /** The scale set {@code set} conforms to in WMTS 1.0's sense, if any. */
  static Optional<ScaleSet> of(MatrixSet set) {
    double first = set.level(0).scaleDenominator();
    return ANNEX_E.stream()
        .filter(k -> k.wkss.equals(set.wellKnownScaleSet()))
        .filter(k -> Math.abs(first - k.largestScale) <= k.largestScale * SAME)
        .findFirst();
  }
}
