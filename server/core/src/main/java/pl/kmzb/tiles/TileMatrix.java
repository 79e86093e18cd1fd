package pl.kmzb.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.crs.Bounds;

/**
 * One level of a tile matrix set (OGC 17-083r4, TileMatrix): its own scale, origin, tile size and
 * matrix size, so sets whose levels do not halve (Geoportal's EPSG:2180 set steps by 2.5 in places)
 * are values like the quadtree ones. Coordinates here are in the internal order (x = east, y =
 * north); the CRS's axis order is applied only when written ({@link MatrixSet#pointOfOrigin}).
 *
 * @param id the identifier clients name the level by ("0", "1", …)
 * @param scaleDenominator the scale at OGC's standardised 0.28 mm pixel
 * @param cellSize CRS units per pixel ({@code scaleDenominator × 0.28 mm} in metres, or in degrees)
 * @param originEast the top-left corner's easting or longitude
 * @param originNorth the top-left corner's northing or latitude
 * @param tileWidth pixels across a tile
 * @param tileHeight pixels down a tile
 * @param matrixWidth tiles across the matrix
 * @param matrixHeight tiles down the matrix
 */
public record TileMatrix(String id, double scaleDenominator, double cellSize, double originEast, double originNorth,
    int tileWidth, int tileHeight, long matrixWidth, long matrixHeight) {
  /** OGC's standardised rendering pixel size in metres (OGC 17-083r4, 6.1.1). */
  public static final double PIXEL_METRES = 0.00028;

  public TileMatrix {
    if (id == null || id.isBlank() || !(scaleDenominator > 0) || !(cellSize > 0) || tileWidth < 1 || tileHeight < 1
        || matrixWidth < 1 || matrixHeight < 1) {
      throw new IllegalArgumentException("an invalid tile matrix " + id);
    }
  }

  /** CRS units a tile spans east-west. */
  public double tileSpanX() {
    return cellSize * tileWidth;
  }

  /** CRS units a tile spans north-south. */
  public double tileSpanY() {
    return cellSize * tileHeight;
  }

  /** Whether column {@code col}, row {@code row} is a tile of this matrix. */
  public boolean contains(long col, long row) {
    return col >= 0 && row >= 0 && col < matrixWidth && row < matrixHeight;
  }

  /** The column holding easting/longitude {@code x} (may lie outside the matrix). */
  public long column(double x) {
    return (long) Math.floor((x - originEast) / tileSpanX());
  }

  /** The row holding northing/latitude {@code y}, counted down from the top (may lie outside the matrix). */
  public long row(double y) {
    return (long) Math.floor((originNorth - y) / tileSpanY());
  }

  /** The exact bounds of a tile, internal order. */
  public Bounds tileBounds(long col, long row) {
    double minX = originEast + col * tileSpanX();
    double maxY = originNorth - row * tileSpanY();
    return new Bounds(minX, maxY - tileSpanY(), minX + tileSpanX(), maxY);
  }

  /** The bounds the whole matrix covers, internal order. */
  public Bounds bounds() {
    return new Bounds(originEast, originNorth - matrixHeight * tileSpanY(), originEast + matrixWidth * tileSpanX(),
        originNorth);
  }

  /** The OGC TMS 2.0 JSON of this level; {@code northFirst}: the CRS's first axis is northing or latitude. */
  Map<String, Object> json(boolean northFirst) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("scaleDenominator", scaleDenominator);
    m.put("cellSize", cellSize);
    m.put("cornerOfOrigin", "topLeft");
    m.put("pointOfOrigin", northFirst ? List.of(originNorth, originEast) : List.of(originEast, originNorth));
    m.put("tileWidth", tileWidth);
    m.put("tileHeight", tileHeight);
    m.put("matrixWidth", matrixWidth);
    m.put("matrixHeight", matrixHeight);
    return m;
  }
}
