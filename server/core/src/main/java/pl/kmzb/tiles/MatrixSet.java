package pl.kmzb.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tile matrix set as a value (OGC 17-083r4 / TMS 2.0): the levels, each with its own scale,
 * corner, tile size and matrix size. The quadtree sets (WebMercatorQuad, WorldCRS84Quad) are
 * instances like Geoportal's EPSG:2180 set, which is not a quadtree; {@link MatrixSets} holds them.
 * The cluster index's world square ({@link TileMatrixSet}) is a separate, quadtree-only mapping.
 *
 * @param id the identifier in URLs and capabilities
 * @param title a human-readable name
 * @param uri the set's registered URI, or null when it has none (Geoportal's)
 * @param crsCode the CRS as {@code pl.kmzb.crs.CrsRegistry} knows it ("EPSG:3857", "CRS:84", "EPSG:2180")
 * @param crsUri the CRS's OGC URI
 * @param northFirst the CRS's first axis is northing or latitude (corners are written in that order)
 * @param orderedAxes the axis names in the CRS's order
 * @param wellKnownScaleSet the well-known scale set URI, or null
 * @param matrices the levels, coarsest first
 */
public record MatrixSet(String id, String title, String uri, String crsCode, String crsUri, boolean northFirst,
    List<String> orderedAxes, String wellKnownScaleSet, List<TileMatrix> matrices) {
  public MatrixSet {
    matrices = List.copyOf(matrices);
    orderedAxes = List.copyOf(orderedAxes);
    if (matrices.isEmpty()) {
      throw new IllegalArgumentException("a tile matrix set needs at least one level: " + id);
    }
  }

  /** The level named {@code matrixId}, if the set has it. */
  public Optional<TileMatrix> matrix(String matrixId) {
    for (TileMatrix m : matrices) {
      if (m.id().equals(matrixId)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The level at index {@code level} (0 = coarsest). */
  public TileMatrix level(int level) {
    return matrices.get(level);
  }

  /** The index of {@code matrix} in this set. */
  public int levelOf(TileMatrix matrix) {
    return matrices.indexOf(matrix);
  }

  /** The corner of a level in the CRS's axis order, as capabilities write it. */
  public double[] pointOfOrigin(TileMatrix m) {
    return northFirst ? new double[] {m.originNorth(), m.originEast()} : new double[] {m.originEast(), m.originNorth()};
  }

  /**
   * The OGC Two Dimensional Tile Matrix Set JSON (TMS 2.0, schema {@code tileMatrixSet.json}): what
   * {@code /tileMatrixSets/{id}} answers. A map of plain values for any JSON writer.
   */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    if (uri != null) {
      m.put("uri", uri);
    }
    m.put("crs", crsUri);
    m.put("orderedAxes", orderedAxes);
    if (wellKnownScaleSet != null) {
      m.put("wellKnownScaleSet", wellKnownScaleSet);
    }
    m.put("tileMatrices", matrices.stream().map(t -> t.json(northFirst)).toList());
    return m;
  }
}
