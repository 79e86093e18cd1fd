package pl.kmzb.reports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.ClusterSettings;
import pl.kmzb.cluster.IndexFollower;
import pl.kmzb.cluster.IndexService;
import pl.kmzb.cluster.IndexSnapshots;
import pl.kmzb.cluster.PolicePoints;
import pl.kmzb.cluster.PoliceTileLayer;
import pl.kmzb.cluster.PublicPoints;
import pl.kmzb.cluster.ThreatTileLayer;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.tiles.WebMercatorQuad;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.ingest.SenderGroup;
import pl.kmzb.ingest.IngestService;
import pl.kmzb.ingest.NationalOutline;
import pl.kmzb.ingest.SubmissionValidator;
import pl.kmzb.ingest.Territory;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;

/**
 * The report plugin: how threats come in and how police handle them (the report API, the address
 * retention job), the demo data, and the clustered threats tiles with the index behind them.
 */
public final class ReportsPlugin implements ServerPlugin {
  private DemoSeeder seeder;
  private AddressRetentionJob retention;
  private IndexService indexService;

  @Override
  public String name() {
    return "reports";
  }

  /** First: the WMS and feature services use the index and ingest this plugin registers. */
  @Override
  public int order() {
    return 0;
  }

  @Override
  public void start(PluginContext context) {
    ServerConfig config = context.config();
    Clock clock = Clock.systemUTC();
    ClientAddress clientAddress = context.clients();
    FilterParser filters = new FilterParser(context.catalog());
    ClusterSettings settings = new ClusterSettings(config.tilesMaxZoom(), config.tilesClusterMaxZoom(),
        ClusterSettings.DEFAULT.aggregateMaxZoom());
    ClusterIndex index = new ClusterIndex(settings, context.catalog().all().size());
    PublicPoints points = new PublicPoints(context.catalog(), context.visibility(), WebMercatorQuad.INSTANCE, index);
    context.tiles().add(new ThreatTileLayer(index, points, context.catalog()));
    List<IndexFollower.Target> indexes = new ArrayList<>(List.of(new IndexFollower.Target(index, points)));
    if (config.tilesPoliceIndex()) {
      // The police index follows the same log in the same passes: one read of each change for both.
      ClusterIndex police = new ClusterIndex(settings, context.catalog().all().size(), true);
      PolicePoints policePoints = new PolicePoints(context.catalog(), WebMercatorQuad.INSTANCE, police);
      context.tiles().add(new PoliceTileLayer(police, policePoints, filters));
      indexes.add(new IndexFollower.Target(police, policePoints));
    }
    IndexFollower follower = new IndexFollower(context.store(), indexes, clock);
    pl.kmzb.cluster.IndexMetrics.bind(context.shared().require(io.micrometer.core.instrument.MeterRegistry.class),
        follower, context.store());
    io.micrometer.core.instrument.MeterRegistry meters = context.shared()
        .require(io.micrometer.core.instrument.MeterRegistry.class);
    for (pl.kmzb.tiles.MatrixSet set : ClusterIndex.GRID_SETS) {
      // one series per set (tag "set"): each set's aggregates grow, and are bounded, on their own
      io.micrometer.core.instrument.Gauge.builder("kmzb.index.grid.cells", index, i -> i.gridCellCount(set))
          .tag("set", set.id())
          .description("Cells of the cluster index's aggregates of a tile matrix set's coarse levels (about 200-240 bytes"
              + " each)")
          .register(meters);
      io.micrometer.core.instrument.Gauge.builder("kmzb.index.grid.cells.bound", index, i -> i.gridCellBound(set))
          .tag("set", set.id())
          .description("The most cells those aggregates can hold: every cell of their levels over Poland's envelope")
          .register(meters);
    }
    indexService = new IndexService(config, context.store(), follower, context.readiness(), context.areas()::index,
        IndexSnapshots.of(config, context.store(), context.catalog()).orElse(null)).start();
    // Poland's outline for the submission checks takes half a second of a cold JVM to build: off the
    // start's two cores while the indexes restore, built once the server is ready (or by the first
    // submission that needs it before then, which waits for it).
    SubmissionValidator validator = new SubmissionValidator(context.catalog(),
        new Territory(NationalOutline::poland, context.areas()::index), clock);
    context.readiness().afterReady("national-outline", NationalOutline::poland);
    IngestService ingest = new IngestService(context.store(), validator, config.citizenReportsPerWindow(),
        config.citizenWindow(), new SenderGroup(config.citizenIpv6Prefix()));
    new ReportEndpoints(context.store(), ingest, context.auth(), filters,
        new ReportViews(context.catalog(), context.visibility(), clock), clientAddress, clock).register(context.router());
    context.shared().register(ClusterIndex.class, index);
    // the analytics layers read the reports' version from it (memory), not from the database
    context.shared().register(IndexFollower.class, follower);
    context.shared().register(PublicPoints.class, points);
    context.shared().register(IngestService.class, ingest);
    context.readiness().detail("clusterIndex.skippedRows", indexService::skippedRows);
    if (!config.storeReadOnly()) {
      // On a standby the primary's job deletes the addresses, and the deletions replicate.
      retention = new AddressRetentionJob(context.store(), config.ipRetention(), clock);
      retention.start();
    }
    if (config.demoReports() > 0) {
      seeder = new DemoSeeder(context.store(), context.catalog(), context.readiness(), config.demoReports(),
          config.demoSeed());
      seeder.start();
    }
  }

  @Override
  public void close() {
    if (indexService != null) {
      try {
        indexService.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (retention != null) {
      retention.close();
    }
    if (seeder != null) {
      try {
        seeder.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
