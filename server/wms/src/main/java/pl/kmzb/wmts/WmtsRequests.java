package pl.kmzb.wmts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Actor;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileLimits;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.wms.IndicatorVariants;
import pl.kmzb.wms.LayerFilters;
import pl.kmzb.wms.WmsParams;

/**
 * Reads GetTile and GetFeatureInfo from KVP (names in any case) or from the parts of a RESTful path
 * into a {@link TileRequest}, checking what WMTS itself defines (layer, style, format, matrix set,
 * matrix, row and column in range); what the map needs beyond that is the WMS parser's.
 */
final class WmtsRequests {
  /** The Dimension value that means "no time filter" (what the capabilities give as Default). */
  static final String DEFAULT_TIME = "default";
  /**
   * The shared filters a tile takes as vendor parameters (KVP, or the query of a RESTful URL), as
   * the vector tiles and WMS take them; parsed by the one filter model ({@code VisibilityPolicy}).
   */
  static final List<String> FILTERS = List.of("category", "status", "from", "to");
  /** The parameters choosing an indicator layer's map, as WMS takes them ({@code IndicatorVariants}). */
  static final List<String> INDICATOR = IndicatorVariants.PARAMETERS.stream()
      .map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();

  private final LayerCatalog layers;

  WmtsRequests(LayerCatalog layers) {
    this.layers = layers;
  }

  /** The layers WMTS serves to {@code caller}: every catalogue layer but groups (which have no style). */
  static boolean served(PublishedLayer l) {
    return l.kind() != LayerKind.GROUP && !l.styles().isEmpty();
  }

  TileRequest tile(WmsParams p, Optional<Actor> caller) {
    String formatName = p.require("FORMAT");
    TileFormat format = TileFormat.parse(formatName).orElseThrow(() -> WmtsException.invalid("FORMAT",
        "the format '" + clip(formatName) + "' is not offered; offered: image/png, image/jpeg,"
            + " application/vnd.mapbox-vector-tile (threats.clusters)"));
    return tile(p.require("LAYER"), p.require("STYLE"), p.text("TIME").orElse(null), p.require("TILEMATRIXSET"),
        p.require("TILEMATRIX"), p.require("TILEROW"), p.require("TILECOL"), format, filters(p), caller);
  }

  /** The filter and indicator parameters present in {@code p} (any case), by lower-case name. */
  static Map<String, List<String>> filters(WmsParams p) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : java.util.stream.Stream.concat(FILTERS.stream(), INDICATOR.stream()).toList()) {
      List<String> values = p.all(name);
      if (!values.isEmpty()) {
        out.put(name, List.copyOf(values));
      }
    }
    return out;
  }

  TileRequest tile(String layerId, String styleName, String time, String setId, String matrixId, String rowText,
      String colText, TileFormat format, Map<String, List<String>> filters, Optional<Actor> caller) {
    PublishedLayer layer = layer(layerId, caller);
    String style = style(layer, styleName);
    MatrixSet set = MatrixSets.byId(setId).orElseThrow(() -> WmtsException.invalid("TILEMATRIXSET",
        "the tile matrix set '" + clip(setId) + "' is not offered; offered: "
            + MatrixSets.all().stream().map(MatrixSet::id).toList()));
    TileMatrix matrix = set.matrix(matrixId).orElseThrow(() -> WmtsException.invalid("TILEMATRIX",
        "the tile matrix '" + clip(matrixId) + "' is not in " + set.id() + "; its matrices are 0-"
            + (set.matrices().size() - 1)));
    long row = index(rowText, "TILEROW");
    long col = index(colText, "TILECOL");
    if (row < 0 || row >= matrix.matrixHeight()) {
      throw new WmtsException(WmtsException.TILE_OUT_OF_RANGE, "TILEROW", "TILEROW " + row + " is outside 0-"
          + (matrix.matrixHeight() - 1) + " of matrix " + matrix.id() + " of " + set.id(), 400);
    }
    if (col < 0 || col >= matrix.matrixWidth()) {
      throw new WmtsException(WmtsException.TILE_OUT_OF_RANGE, "TILECOL", "TILECOL " + col + " is outside 0-"
          + (matrix.matrixWidth() - 1) + " of matrix " + matrix.id() + " of " + set.id(), 400);
    }
    TileLimits limits = TileLimits.poland(set, matrix);
    if (!limits.contains(col, row)) {
      boolean rowOut = row < limits.minRow() || row > limits.maxRow();
      throw new WmtsException(WmtsException.TILE_OUT_OF_RANGE, rowOut ? "TILEROW" : "TILECOL", (rowOut ? "TILEROW "
          + row + " is outside " + limits.minRow() + "-" + limits.maxRow() : "TILECOL " + col + " is outside "
          + limits.minCol() + "-" + limits.maxCol()) + ", the TileMatrixLimits over Poland of matrix " + matrix.id()
          + " of " + set.id(), 400);
    }
    if (!TileFormat.of(layer).contains(format)) {
      throw WmtsException.invalid("FORMAT", "the layer " + layer.id() + " is offered as " + TileFormat.of(layer).stream()
          .map(TileFormat::mediaType).toList() + ", not " + format.mediaType());
    }
    String t = time == null || time.isBlank() || time.strip().equalsIgnoreCase(DEFAULT_TIME) ? null : time.strip();
    if (t != null && format == TileFormat.MVT) {
      throw WmtsException.invalid("TIME", "vector tiles are offered for the default time only (all reports);"
          + " narrow them by date with the parameters from and to");
    }
    Map<String, List<String>> reportFilters = new LinkedHashMap<>(filters);
    reportFilters.keySet().removeAll(INDICATOR);
    if (!reportFilters.isEmpty() && !LayerFilters.ofReports(layer)) {
      throw WmtsException.invalid(reportFilters.keySet().iterator().next().toUpperCase(java.util.Locale.ROOT),
          "the layer " + layer.id() + " does not show reports, so it takes no filter " + reportFilters.keySet());
    }
    // An indicator layer's map is chosen by PERIOD, PER, CLASSES and METHOD (checked by the WMS
    // parser when the tile is drawn); other layers ignore them, as in WMS, where a client sends
    // them with every layer of a connection.
    boolean indicator = pl.kmzb.indicator.IndicatorLayer.of(layer).isPresent();
    return new TileRequest(layer, style, format, set, matrix, row, col, t, indicator ? filters : reportFilters);
  }

  /** A pixel of a tile for GetFeatureInfo: I across, J down, within the tile. */
  static int pixel(String text, String name, int size) {
    long v = index(text, name);
    if (v < 0 || v >= size) {
      throw new WmtsException(WmtsException.POINT_OUT_OF_RANGE, name, name + " " + v + " is outside the tile's 0-"
          + (size - 1), 400);
    }
    return (int) v;
  }

  private PublishedLayer layer(String id, Optional<Actor> caller) {
    PublishedLayer layer = layers.find(id).filter(WmtsRequests::served).orElseThrow(() -> WmtsException.invalid("LAYER",
        "the layer '" + clip(id) + "' is not offered"));
    if (!layer.isPublic() && caller.isEmpty()) {
      throw credentialsRequired("the layer " + layer.id() + " is for the police: sign in");
    }
    if (!layers.visibleTo(caller).contains(layer)) {
      throw WmtsException.invalid("LAYER", "the layer '" + clip(id) + "' is not offered to this user");
    }
    return layer;
  }

  private static String style(PublishedLayer layer, String name) {
    if (name.equalsIgnoreCase("default")) {
      return layer.defaultStyle();
    }
    if (!layer.styles().contains(name)) {
      throw WmtsException.invalid("STYLE", "the layer " + layer.id() + " has no style '" + clip(name) + "'; its styles: "
          + layer.styles());
    }
    return name;
  }

  static WmtsException credentialsRequired(String message) {
    return new WmtsException(WmtsException.NO_CODE, null, message, 401)
        .withHeader("WWW-Authenticate", "Basic realm=\"" + Authenticator.REALM + "\", charset=\"UTF-8\"");
  }

  private static long index(String text, String name) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw WmtsException.invalid(name, name + " must be a whole number, not '" + clip(text) + "'");
    }
  }

  static String clip(String v) {
    return v.length() <= 80 ? v : v.substring(0, 77) + "...";
  }
}
