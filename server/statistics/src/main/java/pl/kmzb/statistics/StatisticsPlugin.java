package pl.kmzb.statistics;

import java.time.Clock;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;

/** Statistics of reports at {@code /api/statistics}, kept in memory from the change log. */
public final class StatisticsPlugin implements ServerPlugin {
  private StatisticsService service;
  private pl.kmzb.indicator.IndicatorSource indicators;

  @Override
  public String name() {
    return "statistics";
  }

  @Override
  public void start(PluginContext context) {
    StatisticsIndex index = new StatisticsIndex(context.catalog(), context.visibility());
    StatisticsFollower follower = new StatisticsFollower(context.store(), index);
    service = new StatisticsService(context.config(), context.store(), follower, context.readiness(),
        context.areas()::index,
        StatisticsSnapshots.of(context.config(), context.store(), context.catalog()).orElse(null)).start();
    context.readiness().detail("statistics.reports", index::size);
    context.readiness().detail("statistics.skippedRows", service::skippedRows);
    new StatisticsEndpoint(index, follower::lastSeq, context.auth(), context.catalog(), Clock.systemUTC())
        .withUnits(new UnitAreas(context.policeUnits()))
        .register(context.router());
    // Police-system indicators and population (imported files), answered from a polled snapshot.
    indicators = pl.kmzb.indicator.IndicatorSource.shared(context);
    new pl.kmzb.statistics.indicator.IndicatorEndpoint(indicators.catalog(), indicators, context.auth())
        .register(context.router());
    // Each indicator layer of the catalogue as vector tiles over the boundaries' outlines.
    for (pl.kmzb.layer.PublishedLayer l : context.layers().all()) {
      pl.kmzb.indicator.IndicatorTileLayer.of(l, indicators, context.tiles(), context.config().tilesMaxZoom())
          .ifPresent(context.tiles()::add);
    }
  }

  @Override
  public void close() throws Exception {
    if (indicators != null) {
      indicators.close();
    }
    if (service != null) {
      service.close();
    }
  }
}
