package pl.kmzb.features;

import java.time.Clock;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.wfs.Capabilities;
import pl.kmzb.wfs.Capabilities11;
import pl.kmzb.wfs.GetFeature;
import pl.kmzb.wfs.ReferenceWfs;
import pl.kmzb.wfs.Transaction;
import pl.kmzb.ingest.IngestService;
import pl.kmzb.wfs.WfsEndpoint;
import java.util.Map;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.fes.FesParser;
import pl.kmzb.filter.FilterCrs;

/** The feature services: OGC API – Features under /ogc/features and WFS 2.0 under /wfs, over one feature source. */
public final class FeaturesPlugin implements ServerPlugin {
  private pl.kmzb.indicator.IndicatorSource indicators;
  @Override
  public String name() {
    return "features";
  }

  private Thread warmer;

  @Override
  public void start(PluginContext context) {
    ServerConfig config = context.config();
    FeatureCatalog catalog = FeatureCatalog.of(context.layers(), context.catalog());
    FeatureSource source = new FeatureSource(context.visibility(), context.catalog(),
        new FeatureQueries(context.store()), Clock.systemUTC()).withIndexCounts(new IndexCounts(
        context.shared().require(pl.kmzb.cluster.ClusterIndex.class),
        context.shared().require(pl.kmzb.cluster.PublicPoints.class)));
    PublicUrl urls = new PublicUrl(config.publicUrl(), context.clients());
    ItemsEndpoint items = new ItemsEndpoint(catalog, source, context.store(), context.auth(), urls,
        config.featuresDefaultLimit(), config.featuresMaxLimit(), context.crs());
    pl.kmzb.cluster.ClusterIndex clusters = context.shared().require(pl.kmzb.cluster.ClusterIndex.class);
    ReferenceSource references = new ReferenceSource(context.areas()::index, context.policeUnits(), clusters,
        context.shared().require(pl.kmzb.cluster.PublicPoints.class).categoryOrder());
    indicators = pl.kmzb.indicator.IndicatorSource.shared(context);
    references.indicators(indicators);
    references.roadSegments(pl.kmzb.analytics.RoadSegmentLayer.shared(context));
    references.candidateSites(pl.kmzb.analytics.CandidateSiteLayer.shared(context));
    references.hotspots(pl.kmzb.analytics.HotspotLayer.shared(context));
    items.withReferences(new ReferenceItems(references, urls, context.crs(), config.featuresDefaultLimit(),
        config.featuresMaxLimit()));
    new FeaturesApi(catalog, context.auth(), urls, items, Conformance.of(context.crs())).register(context.router());
    // FES 2.0: geometries without srsName are in the feature types' default CRS (URN EPSG:4326, lat/lon).
    FilterCrs defaultCrs = FilterCrs.of(context.crs(), "urn:ogc:def:crs:EPSG::4326", AxisOrder.Protocol.WFS_2_0_0);
    GetFeature.FesFilters fes = (xml, view, protocol) -> new FesParser(view, context.crs(), protocol,
        defaultCrs, Map.of()).parse(xml);
    Capabilities.FilterSupport filters = Capabilities.FilterSupport.FES_20;
    // WFS-T: the same reader for Update filters and Insert geometries, an Insert's srsName as its default CRS.
    // WFS 1.x transactions (QGIS) without srsName: EPSG:4326, east first as WFS 1.0 reads every CRS.
    Transaction.Parsers parsers = (view, srsName, protocol) -> new FesParser(view, context.crs(), protocol,
        srsName != null ? FilterCrs.of(context.crs(), srsName, protocol) : protocol == AxisOrder.Protocol.WFS_2_0_0
            ? defaultCrs : FilterCrs.of(context.crs(), "EPSG:4326", protocol), Map.of());
    GetFeature getFeature = new GetFeature(source, context.store(), context.crs(), fes,
        config.featuresDefaultLimit(), config.featuresMaxLimit());
    new WfsEndpoint(catalog, context.auth(), urls, new Capabilities(context.layers().service(), context.crs(),
        filters, config.featuresDefaultLimit()), new Capabilities11(context.layers().service(), context.crs()),
        getFeature)
        .withTransaction(new Transaction(catalog, source, context.auth(),
            context.shared().require(IngestService.class), context.store(), parsers))
        .withReferences(new ReferenceWfs(catalog, references, getFeature, fes, context.crs(),
            config.featuresDefaultLimit(), config.featuresMaxLimit()))
        .register(context.router());
    warmer = context.readiness().afterReady("feature-ranks", () -> warm(catalog, source));
  }

  /**
   * Builds the rank checkpoints of every unfiltered collection in the background, so the first deep
   * STARTINDEX of a client (GDAL and QGIS page by STARTINDEX) does not pay the id scan. Once the
   * server is ready: the scan reads every report's id from the store, which would slow a start.
   */
  private static void warm(FeatureCatalog catalog, FeatureSource source) {
    for (FeatureCollection c : catalog.visibleTo(java.util.Optional.of(pl.kmzb.report.Actor.system("warm")))) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      if (c.reference() != null) {
        continue; // held in memory, nothing to warm
      }
      try {
        source.queries().afterIdForRank(source.all(c), Long.MAX_VALUE / 4);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(FeaturesPlugin.class).warn("could not warm the ranks of {}: {}", c.id(),
            e.getMessage());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (indicators != null) {
      indicators.close();
    }
    if (warmer != null) {
      warmer.interrupt();
      warmer.join(5_000);
    }
  }
}
