package pl.kmzb.wms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.http.ApiException;
import pl.kmzb.indicator.Indicator;
import pl.kmzb.indicator.IndicatorLayer;
import pl.kmzb.indicator.IndicatorMap;
import pl.kmzb.indicator.IndicatorParameters;
import pl.kmzb.indicator.IndicatorSource;
import pl.kmzb.layer.PublishedLayer;

/**
 * The maps of indicator layers over WMS: by default each layer's default map (latest period, rate
 * per 100,000 for counts, 5 quantile classes), or the one the vendor parameters {@code PERIOD},
 * {@code PER}, {@code CLASSES} and {@code METHOD} ask for (as {@code /api/statistics/indicators}
 * and the indicator tilesets take them), in GetMap, GetFeatureInfo and GetLegendGraphic alike, so a
 * map, its feature info and its legend show the same classes. Each map is computed once per layer,
 * variant and indicator data version (Jenks breaks of ~2,500 areas are worth keeping).
 */
public final class IndicatorVariants {
  /** The vendor parameters, as WMS names them (case-insensitive). */
  public static final List<String> PARAMETERS = List.of("PERIOD", "PER", "CLASSES", "METHOD");
  private static final int MAPS_KEPT = 256;

  private final IndicatorSource source;
  private final Map<String, IndicatorMap> maps = new ConcurrentHashMap<>();

  public IndicatorVariants(IndicatorSource source) {
    this.source = source;
  }

  /**
   * The variant of each indicator layer among {@code layers} that the request's vendor parameters
   * ask for, by layer id; empty when it gives none (every layer shows its default map). A value an
   * indicator cannot take (a period without values, a rate of a non-count, 2 classes) is an
   * InvalidParameterValue naming the parameter. Other layers ignore these parameters.
   */
  Map<String, IndicatorParameters> parse(WmsParams p, List<PublishedLayer> layers) {
    Map<String, List<String>> query = new HashMap<>();
    for (String name : PARAMETERS) {
      List<String> values = p.all(name);
      if (!values.isEmpty()) {
        query.put(name.toLowerCase(Locale.ROOT), values);
      }
    }
    Map<String, IndicatorParameters> out = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return out;
    }
    for (PublishedLayer layer : layers) {
      IndicatorLayer il = IndicatorLayer.of(layer).orElse(null);
      if (il == null || out.containsKey(layer.id())) {
        continue;
      }
      Indicator indicator = indicator(il);
      IndicatorParameters shown;
      try {
        shown = IndicatorParameters.parse(query, indicator, IndicatorMap.defaultPer(indicator));
      } catch (ApiException e) {
        String field = e.errors().isEmpty() ? "PERIOD" : e.errors().get(0).field().toUpperCase(Locale.ROOT);
        throw WmsException.invalid(field, "layer '" + layer.id() + "': " + e.getMessage());
      }
      if (shown.period() != null) {
        List<String> periods = source.data().periods(indicator.code(), il.level());
        if (!periods.contains(shown.period())) {
          throw WmsException.invalid("PERIOD", "layer '" + layer.id() + "' has no values in period " + shown.period()
              + "; periods with values: " + periods);
        }
      }
      out.put(layer.id(), shown);
    }
    return out;
  }

  /**
   * The vendor parameters of a GetCapabilities request as the query its operation URLs carry
   * ({@code CLASSES=7&METHOD=jenks&}; empty for none), so that QGIS, which sends GetMap to the
   * capabilities' URL rather than the one it was given, keeps them. Only the forms these parameters
   * can take are echoed (letters, digits and '-', at most 16 characters); anything else is an
   * InvalidParameterValue here, never text copied into the document.
   */
  public static String echo(WmsParams p) {
    StringBuilder query = new StringBuilder();
    for (String name : PARAMETERS) {
      List<String> values = p.all(name);
      if (values.isEmpty()) {
        continue;
      }
      if (values.size() > 1 || !values.get(0).matches("[A-Za-z0-9-]{1,16}")) {
        throw WmsException.invalid(name, name + " must be one value of letters, digits and '-' (at most 16), as"
            + " GetMap takes it");
      }
      query.append(name).append('=').append(values.get(0)).append('&');
    }
    return query.toString();
  }

  /** The map {@code layer} shows for {@code shown} (null: its default map). */
  public IndicatorMap map(PublishedLayer layer, IndicatorParameters shown) {
    IndicatorLayer il = IndicatorLayer.of(layer).orElseThrow();
    long version = source.data().version();
    String key = layer.id() + (shown == null ? "" : "?" + shown);
    IndicatorMap kept = maps.get(key);
    if (kept != null && kept.version() == version) {
      return kept;
    }
    IndicatorMap map = shown == null ? il.map(source)
        : il.map(source, shown.period(), shown.per(), shown.method(), shown.classes());
    if (maps.size() >= MAPS_KEPT) {
      maps.clear();
    }
    maps.put(key, map);
    return map;
  }

  private Indicator indicator(IndicatorLayer il) {
    return source.catalog().find(il.indicator()).orElseThrow(() -> new IllegalStateException(
        "indicator " + il.indicator() + " of a layer is not in the catalogue"));
  }
}
