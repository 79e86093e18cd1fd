package pl.kmzb.ogctiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileLimits;
import pl.kmzb.tiles.TileMatrix;

/**
 * The tile matrix sets of the server ({@link MatrixSets}: WebMercatorQuad, WorldCRS84Quad,
 * Geoportal's EPSG:2180 set) with the tiles of each level that cover Poland, the tilesets' limits
 * (a tile outside them is a 404). Map tiles and the clusters' vector tiles are cut in every set;
 * the other vector tilesets (boundaries, police units, police reports) in {@link #VECTOR_SET} only,
 * where the tile API cuts them.
 */
final class Grids {
  static final String VECTOR_SET = MatrixSets.WEB_MERCATOR_QUAD.id();

  private final Map<String, Bounds> poland = new LinkedHashMap<>();

  Grids(CrsRegistry crs) {
    for (MatrixSet s : MatrixSets.all()) {
      poland.put(s.id(), crs.fromLonLat(crs.require(s.crsCode())).apply(Bounds.of(Envelope.POLAND)));
    }
  }

  static List<MatrixSet> all() {
    return MatrixSets.all();
  }

  /** The set of the path, or 404 naming those offered. */
  static MatrixSet require(String id) {
    return MatrixSets.byId(id).orElseThrow(() -> new ApiException(404, "Not Found", "no tile matrix set '"
        + TileFilters.clip(id) + "'; offered: " + all().stream().map(MatrixSet::id).toList()));
  }

  /** Poland's bounds in the set's CRS and axis order, as TMS 2.0 writes a tileset's boundingBox. */
  Map<String, Object> boundingBox(MatrixSet set) {
    Bounds b = poland.get(set.id());
    Map<String, Object> box = new LinkedHashMap<>();
    box.put("lowerLeft", set.northFirst() ? List.of(b.minY(), b.minX()) : List.of(b.minX(), b.minY()));
    box.put("upperRight", set.northFirst() ? List.of(b.maxY(), b.maxX()) : List.of(b.maxX(), b.maxY()));
    box.put("crs", set.crsUri());
    return box;
  }

  TileLimits limits(MatrixSet set, TileMatrix m) {
    return TileLimits.poland(set, m);
  }

  /** The levels {@code from}…{@code to} (indexes, clamped to the set). */
  static List<TileMatrix> levels(MatrixSet set, int from, int to) {
    return set.matrices().subList(Math.min(from, set.matrices().size() - 1), Math.min(to, set.matrices().size() - 1) + 1);
  }

  /**
   * The set's OGC TMS 2.0 JSON with the keys of its 1.0 encoding (OGC 17-083r2) beside them:
   * {@code identifier}, {@code supportedCRS}, a {@code boundingBox} with {@code lowerCorner} and
   * {@code upperCorner}, and per matrix {@code identifier} and {@code topLeftCorner}. GDAL up to
   * 3.6 (Debian 12's) reads only those and refuses a 2.0-only document ("Invalid tiling matrix set
   * name"); 2.0 readers ignore keys they do not know, as the 2.0 schema allows.
   */
  Map<String, Object> json(MatrixSet set) {
    Map<String, Object> doc = new LinkedHashMap<>(set.json());
    doc.put("identifier", set.id());
    doc.put("supportedCRS", set.crsUri());
    TileMatrix top = set.level(0);
    Bounds b = top.bounds();
    List<Double> lower = set.northFirst() ? List.of(b.minY(), b.minX()) : List.of(b.minX(), b.minY());
    List<Double> upper = set.northFirst() ? List.of(b.maxY(), b.maxX()) : List.of(b.maxX(), b.maxY());
    Map<String, Object> box = new LinkedHashMap<>();
    box.put("lowerLeft", lower);
    box.put("upperRight", upper);
    box.put("crs", set.crsUri());
    box.put("lowerCorner", lower);
    box.put("upperCorner", upper);
    doc.put("boundingBox", box);
    List<Map<String, Object>> matrices = new java.util.ArrayList<>();
    for (Object o : (List<?>) doc.get("tileMatrices")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
      m.put("identifier", m.get("id"));
      m.put("topLeftCorner", m.get("pointOfOrigin"));
      matrices.add(m);
    }
    doc.put("tileMatrices", matrices);
    return doc;
  }

  static Optional<TileMatrix> matrix(MatrixSet set, String id) {
    return set.matrix(id);
  }
}
