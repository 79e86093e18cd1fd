package pl.kmzb.wms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.PublicPoints;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.config.WmsSettings;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.Queryables;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.icons.Icons;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.render.LayerRequest;
import pl.kmzb.render.LegendRenderer;
import pl.kmzb.render.MapRenderer;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.wmts.Wmts;

/**
 * The WMS plugin: {@code GET /wms} (WMS 1.3.0 and 1.1.1 with SLD-WMS GetLegendGraphic), drawing
 * from the report plugin's cluster index (never a scan of the table) and the layer catalogue.
 */
public final class WmsPlugin implements ServerPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(WmsPlugin.class);
  /** The readiness component {@code /health} waits for while the renderer warms up. */
  static final String WARM_UP = "wms-warm-up";
  private pl.kmzb.unit.CurrentUnits units;
  private AutoCloseable areaCounts;
  private pl.kmzb.indicator.IndicatorSource indicators;

  @Override
  public String name() {
    return "wms";
  }

  @Override
  public void start(PluginContext context) {
    ServerConfig config = context.config();
    WmsSettings settings = config.wms();
    Clock clock = Clock.systemUTC();
    ClusterIndex index = context.shared().require(ClusterIndex.class);
    PublicPoints points = context.shared().require(PublicPoints.class);
    StyleCatalog styles = StyleCatalog.bundled(context);
    Icons icons = Icons.load(context.catalog(), List.of());
    LegendService legends = new LegendService(new LegendRenderer(icons, context.catalog()));
    units = context.policeUnits();
    MapRenderer renderer = new MapRenderer(index, points, context.store(), context.catalog(), context.crs(),
        context.areas()::index, units, icons, clock, MapRenderer.DEFAULT_POLICE_REPORTS, settings.maxScanFeatures());
    // Indicator layers: the server's one indicator snapshot; each map (a layer's default, or the
    // variant a request's vendor parameters ask for) computed once per data version, not per map or tile.
    indicators = pl.kmzb.indicator.IndicatorSource.shared(context);
    IndicatorVariants indicatorVariants = new IndicatorVariants(indicators);
    renderer.indicatorMaps(l -> indicatorVariants.map(l.layer(), l.indicator()));
    legends.indicatorMaps(indicatorVariants::map);
    // Road segments and hot spots: the server's one computation of each, recomputed when a map or a
    // feature request needs it and reports (or the road network) moved, shared with the feature
    // services; the caches' versions take their data stamps, which compute nothing.
    pl.kmzb.analytics.RoadSegmentLayer roadSegments = pl.kmzb.analytics.RoadSegmentLayer.shared(context);
    renderer.roadSegments(roadSegments::current);
    pl.kmzb.analytics.HotspotLayer hotspots = pl.kmzb.analytics.HotspotLayer.shared(context);
    renderer.hotspots(hotspots);
    pl.kmzb.analytics.DensityLayer density = pl.kmzb.analytics.DensityLayer.shared(context);
    renderer.density(density);
    pl.kmzb.analytics.CandidateSiteLayer candidateSites = pl.kmzb.analytics.CandidateSiteLayer.shared(context);
    renderer.candidateSites(candidateSites::current);
    TileCoord world = new TileCoord(0, 0, 0);
    // Every change to the public reports moves the stamp of tile 0/0/0; a boundary import swaps the
    // index (and reloads the cluster index); police units by the version of the import in use.
    ImageCache cache = new ImageCache(settings.cacheMb() * 1024L * 1024L,
        () -> index.stamp(world) * 31 + System.identityHashCode(context.areas().index()) * 17L + units.version()
            + renderer.areaCountsVersion() * 1_000_003L + indicators.data().version() * 7_919L
            + roadSegments.dataStamp() * 104_729L + hotspots.dataStamp() * 15_485_863L
            + density.dataStamp() * 32_452_843L + candidateSites.dataStamp() * 49_979_687L);
    io.micrometer.core.instrument.MeterRegistry metrics =
        context.shared().require(io.micrometer.core.instrument.MeterRegistry.class);
    io.micrometer.core.instrument.Gauge.builder("kmzb.wms.cache.entries", cache, ImageCache::entries)
        .description("Encoded WMS map images held by the image cache").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("kmzb.wms.cache.bytes", cache, ImageCache::weightedBytes)
        .baseUnit("bytes").description("Bytes the WMS image cache's entries weigh (its bound is wms.cache-mb)")
        .register(metrics);
    areaCounts = renderer.keepAreaCountsCurrent();
    int concurrency = settings.renderConcurrency() > 0 ? settings.renderConcurrency()
        : Runtime.getRuntime().availableProcessors();
    TimeDimension time = new TimeDimension(clock);
    RequestParser parser = new RequestParser(context.layers(), styles, context.crs(), settings,
        new LayerFilters(context.visibility(), new FilterParser(context.catalog()), time,
            Queryables.publicView(context.visibility()), Queryables.policeView(context.catalog(), clock),
            FilterCrs.crs84(context.crs())), indicatorVariants);
    MapService maps = new MapService(renderer, cache, concurrency, context.crs(), settings.featureInfoTolerance());
    // OGC API – Tiles draws its map tiles through the same parser, cache and renderer.
    context.shared().register(RequestParser.class, parser);
    context.shared().register(MapService.class, maps);
    PublicUrl publicUrl = new PublicUrl(config.publicUrl(), context.clients());
    WmsEndpoint endpoint = new WmsEndpoint(context.auth(), context.layers(), parser,
        new CapabilitiesWriter(context.layers(), styles, context.crs(), settings, time, legends), maps, legends,
        publicUrl, context.store()::lastChangeSeq, index::isLoaded);
    context.router().get("/wms", endpoint, endpoint);
    // WMTS tiles are WMS maps of the tiles' bounds, cached per tile (as large a cache as the WMS one)
    Wmts.register(context, parser, maps, styles, time, index,
        () -> System.identityHashCode(context.areas().index()) * 17L + units.version()
            + indicators.data().version() * 7_919L,
        // a cache hit of an analysis tile looks at its data too: a moved version starts its computation
        java.util.Map.of(pl.kmzb.layer.LayerKind.AREA_COUNTS, renderer::areaCountsVersion,
            pl.kmzb.layer.LayerKind.ROAD_SEGMENTS, roadSegments::refreshStamp,
            pl.kmzb.layer.LayerKind.HOTSPOTS, hotspots::refreshStamp,
            pl.kmzb.layer.LayerKind.DENSITY, density::refreshStamp,
            pl.kmzb.layer.LayerKind.CANDIDATE_SITES, candidateSites::refreshStamp),
        settings.cacheMb() * 1024L * 1024L, settings.tileFilteredCacheMb() * 1024L * 1024L,
        settings.tileFilteredCacheEntries(), publicUrl, index::isLoaded, settings.warmUp());
    warmUp(context, styles, legends, renderer, index, settings.warmUp());
    computeAnalyses(context.readiness(), index, List.of(roadSegments::current, hotspots::current, density::current),
        settings.warmUp().isZero() ? null : () -> renderer.warmMaps(laterMaps(context, styles),
            settings.warmUp().toNanos()),
        List.of(candidateSites::current));
  }

  /**
   * The analytics layers' first results, computed in the background once the server is ready: each
   * is a scan of every public report (tens of seconds at 5 M), which the first map of
   * such a layer would otherwise wait for. A map asked before it is in still waits for the same
   * computation; readiness does not. Then, unless {@code wms.warm-up} is off ({@code warm} null),
   * the maps of groups and analysis layers are drawn off-line ({@link MapRenderer#warmMaps}), and
   * last the police analyses' first results ({@code police}: the public maps' warm-up does not wait for
   * them), still as background work.
   */
  private static void computeAnalyses(pl.kmzb.http.Readiness readiness, ClusterIndex index, List<Runnable> firsts,
      java.util.function.IntSupplier warm, List<Runnable> police) {
    // After readiness, not beside the loading it waits for (a restart would take seconds longer).
    readiness.afterReady("analytics-layers", () -> {
      try {
        while (!index.isLoaded()) {
          Thread.sleep(100);
        }
        long started = System.nanoTime();
        firstResults(firsts);
        LOG.info("analytics layers computed in {} ms", (System.nanoTime() - started) / 1_000_000);
        if (warm != null) {
          started = System.nanoTime();
          int drawn = warm.getAsInt();
          LOG.info("group and analysis maps warmed up: {} maps drawn off-line in {} ms", drawn,
              (System.nanoTime() - started) / 1_000_000);
        }
        started = System.nanoTime();
        firstResults(police);
        LOG.info("police analytics layers computed in {} ms", (System.nanoTime() - started) / 1_000_000);
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          LOG.info("analytics layers: start-up work stopped, the server is stopping");
          return;
        }
        LOG.warn("analytics layers: the background start-up work failed ({}); the first map of each layer computes"
            + " what is missing", e.toString());
      }
    });
  }

  /** Runs each first computation; one layer's failure leaves the others (and the warm-up) to do. */
  private static void firstResults(List<Runnable> firsts) {
    for (Runnable first : firsts) {
      try {
        first.run();
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e; // the server is stopping: the rest is not computed either
        }
        LOG.warn("analytics layers: a first computation failed ({}); the first map of that layer computes it",
            e.toString());
      }
    }
  }

  /**
   * In the background, with {@code /health} waiting ({@link #WARM_UP}): measures every legend the
   * capabilities announce (the first GetCapabilities would otherwise draw them all, about a second,
   * while its client waits), then, once the index is loaded, draws maps off-line
   * ({@link MapRenderer#warm}, at most {@code budget}, {@code wms.warm-up}): the first maps of a JVM
   * otherwise take up to 1.6 s (class loading, Java2D set-up, interpreted code), and the choropleth's
   * first counts per area a pass over the index. A failure is logged, and the server gets ready anyway.
   */
  private static void warmUp(PluginContext context, StyleCatalog styles, LegendService legends, MapRenderer renderer,
      ClusterIndex index, java.time.Duration budget) {
    if (budget.isZero()) {
      // Ready with the indexes; the legends are measured and the first maps drawn when clients ask.
      LOG.info("WMS warm-up off (wms.warm-up=PT0S): the first maps of this JVM will be slower");
      return;
    }
    context.readiness().waitFor(WARM_UP);
    Thread t = new Thread(() -> {
      try {
        for (PublishedLayer layer : context.layers().all()) {
          for (String name : layer.styles()) {
            styles.find(name).ifPresent(style -> {
              legends.size(layer, style, "pl");
              legends.size(layer, style, "en");
            });
          }
        }
        List<LayerRequest> maps = publicMaps(context, styles);
        while (!index.isLoaded()) {
          Thread.sleep(100);
        }
        long started = System.nanoTime();
        int drawn = renderer.warm(maps, budget.toNanos());
        LOG.info("WMS renderer warmed up: {} maps drawn off-line in {} ms", drawn,
            (System.nanoTime() - started) / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("warming the map renderer up failed; the first maps will be slower", e);
      } finally {
        context.readiness().ready(WARM_UP);
      }
    }, "wms-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Each public layer (not a group) in its default style, unfiltered, as an anonymous caller asks it. */
  private static List<LayerRequest> publicMaps(PluginContext context, StyleCatalog styles) {
    List<LayerRequest> maps = new ArrayList<>();
    for (PublishedLayer layer : context.layers().all()) {
      if (layer.isPublic() && layer.kind() != LayerKind.GROUP) {
        maps.add(new LayerRequest(layer, styles.find(layer.defaultStyle()).orElseThrow(),
            LayerFilters.ofReports(layer) ? context.visibility().parse(Map.of()) : null, Optional.empty(), "pl"));
      }
    }
    return maps;
  }

  /**
   * The maps drawn off-line once the server is ready ({@link MapRenderer#warmMaps}): each public
   * group's public layers in one map, as a client asking for the group gets them, and each analysis
   * layer alone.
   */
  private static List<List<LayerRequest>> laterMaps(PluginContext context, StyleCatalog styles) {
    Map<String, LayerRequest> single = new java.util.LinkedHashMap<>();
    publicMaps(context, styles).forEach(l -> single.put(l.layer().id(), l));
    List<List<LayerRequest>> out = new ArrayList<>();
    for (PublishedLayer layer : context.layers().all()) {
      if (layer.isPublic() && layer.kind() == LayerKind.GROUP) {
        List<LayerRequest> members = new ArrayList<>();
        addMembers(context, layer.id(), single, members);
        if (!members.isEmpty()) {
          out.add(members);
        }
      }
    }
    for (LayerRequest l : single.values()) {
      switch (l.layer().kind()) {
        case ROAD_SEGMENTS, HOTSPOTS, DENSITY -> out.add(List.of(l));
        default -> { }
      }
    }
    return out;
  }

  private static void addMembers(PluginContext context, String group, Map<String, LayerRequest> single,
      List<LayerRequest> out) {
    for (PublishedLayer child : context.layers().children(group)) {
      if (child.kind() == LayerKind.GROUP) {
        addMembers(context, child.id(), single, out);
      } else if (single.containsKey(child.id())) {
        out.add(single.get(child.id()));
      }
    }
  }

  @Override
  public void close() {
    if (areaCounts != null) {
      try {
        areaCounts.close();
      } catch (Exception e) {
        LOG.warn("stopping the area counts refresher failed", e);
      }
    }
    if (indicators != null) {
      indicators.close();
    }
  }
}
