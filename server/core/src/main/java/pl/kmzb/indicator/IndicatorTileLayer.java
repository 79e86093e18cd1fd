package pl.kmzb.indicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.http.ApiException;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.tiles.BoundaryTileLayer;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.TileLayers;
import pl.kmzb.tiles.VectorLayer;

/**
 * The vector tiles of an indicator layer of the catalogue: every area of the layer's level with the
 * numbers of its map as properties (the same {@link IndicatorMap} as the WMS choropleth and the
 * feature collection, so the three always agree), and {@code shade}, the palette step the layer's
 * style ({@code indicator-classes}) colours by. Areas without a value keep their code and name only.
 * The outlines are those of the boundaries' tileset of the level ({@link BoundaryTileLayer}), found
 * per tile, so a boundary import reaches these tiles too; a tile is stale once either the outlines'
 * generation or the indicator data's version moved.
 *
 * <p>Query parameters as {@code /api/statistics/indicators/{code}}: {@code period} (default: the
 * latest with values), {@code per} (1, 10000, 100000; default 100000 for counts), {@code classes}
 * (3–9, default 5) and {@code method} (quantile, equal, jenks).
 */
public final class IndicatorTileLayer implements TileLayer {
  /** The parameters a tile request may carry. */
  public static final List<String> PARAMETERS = IndicatorParameters.NAMES;
  private static final int MAPS_KEPT = 64;

  private final IndicatorLayer layer;
  private final Indicator indicator;
  private final boolean police;
  private final String id;
  private final String title;
  private final IndicatorSource source;
  private final TileLayers tilesets;
  private final int maxZoom;
  /** The maps of the current data version by variant key: Jenks breaks are worth computing once. */
  private final Map<String, IndicatorMap> maps = new ConcurrentHashMap<>();

  private IndicatorTileLayer(PublishedLayer published, IndicatorLayer layer, IndicatorSource source,
      TileLayers tilesets, int maxZoom) {
    this.layer = layer;
    this.indicator = source.catalog().find(layer.indicator()).orElseThrow(() -> new IllegalStateException(
        "indicator " + layer.indicator() + " of layer " + published.id() + " is not in the catalogue"));
    this.police = !published.isPublic() || indicator.policeOnly();
    this.id = idOf(published);
    this.title = published.title().en();
    this.source = source;
    this.tilesets = tilesets;
    this.maxZoom = maxZoom;
  }

  /** The tileset of an indicator layer of the catalogue; empty for a layer of another kind. */
  public static Optional<IndicatorTileLayer> of(PublishedLayer published, IndicatorSource source, TileLayers tilesets,
      int maxZoom) {
    return IndicatorLayer.of(published).map(l -> new IndicatorTileLayer(published, l, source, tilesets, maxZoom));
  }

  /** The tileset id of an indicator layer: {@code indicator.road_accidents.county} → {@code indicator-road-accidents-county}. */
  public static String idOf(PublishedLayer published) {
    return published.id().replace('.', '-').replace('_', '-');
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return title + ": the areas with the indicator's value, rate and class";
  }

  @Override
  public int minZoom() {
    return 0;
  }

  @Override
  public int maxZoom() {
    return maxZoom;
  }

  @Override
  public List<VectorLayer> vectorLayers() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", "TERYT code of the area");
    fields.put("name", "Official name of the area");
    fields.put("level", "voivodeship, county or municipality");
    fields.put("indicator", "the indicator's code (absent: the area has no value in the period)");
    fields.put("period", "the period shown (absent: no value)");
    fields.put("value", "the area's value in the period (absent: no value)");
    fields.put("population", "inhabitants in the period's year (absent: no population figure)");
    fields.put("rate", "per 100,000 inhabitants (or as per=) for counts; absent for other indicators");
    fields.put("class", "the area's class, 0-based (absent: no value or no rate)");
    fields.put("shade", "the class's step of the 9-step palette of style indicator-classes");
    return List.of(new VectorLayer(id, description(), 0, maxZoom, fields));
  }

  @Override
  public String cacheControl() {
    // Indicators change by an import, as boundaries do; police ones are never stored by others.
    return police ? "private, no-store" : "public, max-age=3600";
  }

  @Override
  public boolean requiresCredentials() {
    return police;
  }

  @Override
  public Variant variant(Map<String, List<String>> query) {
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + IndicatorParameters.clip(name) + "'; tileset '"
            + id + "' takes " + PARAMETERS);
      }
    }
    IndicatorParameters shown = IndicatorParameters.parse(query, indicator, IndicatorMap.defaultPer(indicator));
    if (shown.period() != null) {
      List<String> periods = source.data().periods(indicator.code(), layer.level());
      if (!periods.contains(shown.period())) {
        throw ApiException.badRequest("period", "indicator '" + indicator.code() + "' has no " + layer.level().key()
            + " values in period " + shown.period() + "; periods with values: " + periods);
      }
    }
    return new Variant(isDefault(shown) ? "" : key(shown), shown);
  }

  @Override
  public long stamp(TileCoord tile) {
    return outlines().map(BoundaryTileLayer::generation).orElse(0L) + source.data().version();
  }

  @Override
  public Rendered render(TileCoord t, Variant variant) {
    Optional<BoundaryTileLayer> outlines = outlines();
    IndicatorData data = source.data();
    long version = outlines.map(BoundaryTileLayer::generation).orElse(0L) + data.version();
    if (outlines.isEmpty()) {
      return new Rendered(new byte[0], version);
    }
    IndicatorMap map = map(data, (IndicatorParameters) variant.value(), variant.key());
    Map<String, Integer> rowOf = map.byCode();
    byte[] mvt = outlines.get().render(t, id, b -> properties(b, map, rowOf.get(b.code())));
    return new Rendered(mvt, version);
  }

  /** The properties of area {@code b}: those of the WMS choropleth's features, nulls left out by the writer. */
  private static Map<String, Object> properties(Boundary b, IndicatorMap map, Integer row) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("code", b.code());
    p.put("name", b.name());
    p.put("level", b.level().key());
    if (row == null) {
      return p;
    }
    IndicatorRow r = map.rows().get(row);
    Integer cls = map.classes().classOfRow().get(row);
    p.put("indicator", map.indicator().code());
    p.put("period", map.period());
    p.put("value", r.value());
    p.put("population", r.population());
    p.put("rate", r.rate());
    p.put("class", cls);
    p.put("shade", cls == null ? null : IndicatorClasses.shade(cls, map.classes().breaks().classes()));
    return p;
  }

  private IndicatorMap map(IndicatorData data, IndicatorParameters shown, String key) {
    IndicatorMap kept = maps.get(key);
    if (kept != null && kept.version() == data.version()) {
      return kept;
    }
    IndicatorMap map = IndicatorMap.of(data, indicator, layer.level(), shown.period(), shown.per(), shown.method(),
        shown.classes());
    if (maps.size() >= MAPS_KEPT) {
      maps.clear();
    }
    maps.put(key, map);
    return map;
  }

  private Optional<BoundaryTileLayer> outlines() {
    return tilesets.find(BoundaryTileLayer.idOf(layer.level()))
        .filter(BoundaryTileLayer.class::isInstance).map(BoundaryTileLayer.class::cast);
  }

  private boolean isDefault(IndicatorParameters shown) {
    return shown.period() == null && shown.per() == IndicatorMap.defaultPer(indicator)
        && shown.classes() == IndicatorMap.DEFAULT_CLASSES && shown.method() == IndicatorMap.DEFAULT_METHOD;
  }

  /** The cache key of a variant: the map a tile shows, whatever the spelling of its query. */
  private static String key(IndicatorParameters shown) {
    return "period=" + (shown.period() == null ? "" : shown.period()) + "&per=" + shown.per() + "&classes="
        + shown.classes() + "&method=" + shown.method().code();
  }
}
