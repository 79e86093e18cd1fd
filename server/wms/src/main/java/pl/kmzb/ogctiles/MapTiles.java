package pl.kmzb.ogctiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.crs.Bounds;
import pl.kmzb.http.ApiException;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.report.Actor;
import pl.kmzb.wms.ExceptionCode;
import pl.kmzb.wms.MapRequest;
import pl.kmzb.wms.MapService;
import pl.kmzb.wms.RequestParser;
import pl.kmzb.wms.WmsException;
import pl.kmzb.wms.WmsParams;
import pl.kmzb.wms.WmsVersion;

/**
 * Map tiles: a tile of any matrix set is the WMS GetMap of its bounds (the set's CRS, its tile size,
 * {@code TILED=true}), so it is drawn by the one renderer, parsed by the one request parser (the
 * layer's access, styles, vendor filters, TIME and CQL_FILTER) and kept in the one image cache,
 * keyed by the tile. OGC's parameters become the WMS ones: {@code datetime} → FROM/TO, {@code filter}
 * (CQL2 text) → CQL_FILTER, {@code f} → FORMAT. WMS refusals become problem details here.
 */
final class MapTiles {
  static final String PNG = "image/png";
  static final String JPEG = "image/jpeg";

  private final RequestParser parser;
  private final MapService maps;

  MapTiles(RequestParser parser, MapService maps) {
    this.parser = parser;
    this.maps = maps;
  }

  /**
   * The encoded tile of {@code layers} (comma-separated catalogue ids) with {@code style} (null: the
   * layers' defaults), in the format {@code mediaType}.
   */
  MapService.EncodedMap tile(String layers, String style, MatrixSet set, TileMatrix m, long row, long col,
      String mediaType, Map<String, List<String>> query, Optional<Actor> caller) {
    Map<String, List<String>> kvp = new LinkedHashMap<>();
    query.forEach((k, v) -> {
      if (!TileFilters.OGC.contains(k)) {
        kvp.put(k.toUpperCase(Locale.ROOT), v);
      }
    });
    for (String reserved : List.of("SERVICE", "REQUEST", "VERSION", "LAYERS", "STYLES", "CRS", "BBOX", "WIDTH",
        "HEIGHT", "FORMAT", "TILED", "SLD_BODY", "CQL_FILTER", "TIME", "EXCEPTIONS")) {
      if (kvp.containsKey(reserved)) {
        throw ApiException.badRequest(reserved.toLowerCase(Locale.ROOT), "the tile's " + reserved.toLowerCase(Locale.ROOT)
            + " is set by its URL; filters are category, status, area, from, to, datetime and filter");
      }
    }
    // datetime as the vendor span FROM/TO, not TIME: an OGC interval outside the data is an empty
    // tile, where WMS refuses a TIME outside its extent.
    java.util.Optional<java.time.Instant[]> span = TileFilters.datetime(query);
    if (span.isPresent()) {
      if (kvp.containsKey("FROM") || kvp.containsKey("TO")) {
        throw ApiException.badRequest("datetime", "give either datetime or from/to");
      }
      if (span.get()[0] != null) {
        kvp.put("FROM", List.of(span.get()[0].toString()));
      }
      if (span.get()[1] != null) {
        kvp.put("TO", List.of(span.get()[1].toString()));
      }
    }
    String filter = TileFilters.single(query, "filter");
    if (filter != null) {
      String lang = TileFilters.single(query, "filter-lang");
      if (lang != null && !lang.equals("cql2-text")) {
        throw ApiException.badRequest("filter-lang", "map tiles take filter-lang=cql2-text");
      }
      kvp.put("CQL_FILTER", List.of(filter));
    }
    Bounds b = m.tileBounds(col, row);
    // WMS 1.3.0 writes a BBOX in the CRS's axis order: EPSG:2180 northing first, CRS:84 and EPSG:3857 east first.
    String bbox = set.northFirst() ? b.minY() + "," + b.minX() + "," + b.maxY() + "," + b.maxX()
        : b.minX() + "," + b.minY() + "," + b.maxX() + "," + b.maxY();
    kvp.put("SERVICE", List.of("WMS"));
    kvp.put("REQUEST", List.of("GetMap"));
    kvp.put("VERSION", List.of("1.3.0"));
    kvp.put("LAYERS", List.of(layers));
    kvp.put("STYLES", List.of(style == null ? "" : style));
    kvp.put("CRS", List.of(set.crsCode()));
    kvp.put("BBOX", List.of(bbox));
    kvp.put("WIDTH", List.of(Integer.toString(m.tileWidth())));
    kvp.put("HEIGHT", List.of(Integer.toString(m.tileHeight())));
    kvp.put("FORMAT", List.of(mediaType));
    kvp.put("TRANSPARENT", List.of(JPEG.equals(mediaType) ? "FALSE" : "TRUE"));
    kvp.put("TILED", List.of("TRUE"));
    try {
      MapRequest r = parser.map(WmsParams.of(kvp), WmsVersion.V1_3_0, caller);
      return maps.map(r, caller);
    } catch (WmsException e) {
      throw problem(e);
    }
  }

  /** Whether a drawn tile may be kept by shared caches. */
  static boolean isPrivate(Optional<Actor> caller, boolean policeLayer) {
    return caller.isPresent() || policeLayer;
  }

  /** The one place a WMS refusal becomes an OGC API problem. */
  static ApiException problem(WmsException e) {
    int status = e.status() != 200 ? e.status()
        : e.code() == ExceptionCode.LAYER_NOT_DEFINED || e.code() == ExceptionCode.STYLE_NOT_DEFINED ? 404 : 400;
    String locator = e.locator() == null ? null : e.locator().toLowerCase(Locale.ROOT);
    String detail = e.getMessage();
    if ("cql_filter".equals(locator)) {
      locator = "filter";
      detail = detail.replace("CQL_FILTER", "filter");
    } else if ("time".equals(locator)) {
      locator = "datetime";
    }
    ApiException api = status == 400 && locator != null ? ApiException.badRequest(locator, detail)
        : new ApiException(status, title(status), detail);
    e.headers().forEach(api::withHeader);
    return api;
  }

  private static String title(int status) {
    return switch (status) {
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 503 -> "Service Unavailable";
      default -> "Bad Request";
    };
  }
}
