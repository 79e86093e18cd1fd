package pl.kmzb.reports;

import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;

/**
 * The report plugin: everything about threat reports beyond storage. Today it seeds demo data;
 * ingest, the police workflow API and the cluster index join it in later issues.
 */
public final class ReportsPlugin implements ServerPlugin {
  private DemoSeeder seeder;

  @Override
  public String name() {
    return "reports";
  }

  @Override
  public void start(PluginContext context) {
    if (context.config().demoReports() > 0) {
      seeder = new DemoSeeder(context.store(), context.catalog(), context.readiness(),
          context.config().demoReports(), context.config().demoSeed());
      seeder.start();
    }
  }

  @Override
  public void close() {
    if (seeder != null) {
      try {
        seeder.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
