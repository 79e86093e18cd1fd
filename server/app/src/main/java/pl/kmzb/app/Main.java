package pl.kmzb.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import pl.kmzb.boundary.AttributeMapping;
import pl.kmzb.boundary.BoundaryImport;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.boundary.BoundaryReader;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ConfigException;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.demo.DemoFiles;
import pl.kmzb.demo.DemoGenerator;
import pl.kmzb.server.Application;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.Stores;

/**
 * Command line: {@code serve} (the default) runs the server; {@code start-check} starts it, waits
 * until it is ready and stops it; {@code demo-data} writes synthetic
 * reports to a CSV or GeoJSON file for benchmarks and imports; {@code help} lists every setting.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "serve";
    List<String> rest = Arrays.asList(args).subList(args.length > 0 && !args[0].startsWith("--") ? 1 : 0, args.length);
    try {
      switch (command) {
        case "serve" -> serve(logsAs(ConfigLoader.load(rest, System.getenv())));
        case "start-check" -> startCheck(logsAs(ConfigLoader.load(rest, System.getenv())));
        case "demo-data" -> demoData(DemoDataArgs.parse(rest));
        case "import-boundaries" -> importBoundaries(rest);
        case "import-reports" -> importReports(rest);
        case "import-police-units" -> importPoliceUnits(rest);
        case "import-roads" -> importRoads(rest, System.err);
        case "import-indicators" -> importStatistics("import-indicators", rest);
        case "import-population" -> importStatistics("import-population", rest);
        case "help", "--help", "-h" -> System.out.print(usage());
        default -> fail("unknown command '" + command + "'\n\n" + usage());
      }
    } catch (ConfigException | IllegalArgumentException | CategoryCatalog.CatalogException
        | pl.kmzb.boundary.BoundaryFileException | pl.kmzb.roads.RoadFileException
        | pl.kmzb.ingest.ReportFileImporter.ImportFileException
        | pl.kmzb.unit.PoliceUnitException | pl.kmzb.store.DatabaseUnreachableException
        | pl.kmzb.indicator.IndicatorCatalog.IndicatorCatalogException | java.io.UncheckedIOException e) {
      fail(e.getMessage());
    } catch (pl.kmzb.store.StoreException e) {
      // The database is down or refused the schema: one line naming it, no stack trace.
      fail(e.getMessage());
    }
  }

  /** Sets the log format the configuration asks for (log.format: text or JSON lines). */
  private static ServerConfig logsAs(ServerConfig config) {
    pl.kmzb.logging.ServerLogs.useJson(config.ops().jsonLog());
    return config;
  }

  private static void serve(ServerConfig config) throws Exception {
    Application app = Application.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close();
      } catch (Exception e) {
        System.err.println("shutdown: " + e);
      }
    }, "shutdown"));
    Thread.currentThread().join();
  }

  /**
   * Starts the server with these settings, waits until it is ready (what turns /health 200), and
   * stops it as SIGTERM does (snapshots written): a check of settings, store and data before a
   * deployment, and the training start of a class-data archive (docker/Dockerfile). Exit status 0
   * when ready, 1 when a component failed to load.
   */
  private static void startCheck(ServerConfig config) throws Exception {
    long t0 = System.nanoTime();
    List<String> failures;
    try (Application app = Application.start(config)) {
      while ((failures = app.readiness().failures()).isEmpty() && !app.readiness().isReady()) {
        Thread.sleep(20);
      }
    }
    if (!failures.isEmpty()) {
      System.err.println("kmzb: start-check: not ready: " + String.join("; ", failures));
      System.exit(1);
    }
    System.out.printf("kmzb: start-check: ready in %.1f s, stopped cleanly%n", (System.nanoTime() - t0) / 1e9);
  }

  private static void demoData(DemoDataArgs a) throws Exception {
    DemoGenerator generator = new DemoGenerator(CategoryCatalog.load(null), a.seed(), Instant.now());
    long start = System.nanoTime();
    if (a.output().toString().endsWith(".geojson") || a.output().toString().endsWith(".json")) {
      DemoFiles.writeGeoJson(a.output(), generator, a.count());
    } else {
      DemoFiles.writeCsv(a.output(), generator, a.count());
    }
    System.err.printf("wrote %,d synthetic reports to %s in %.1f s%n", a.count(), a.output(),
        (System.nanoTime() - start) / 1e9);
  }

  /** Import keys of {@code import-boundaries}; every other --key=value is a server setting (which store). */
  private static final java.util.Set<String> IMPORT_KEYS = java.util.Set.of("level", "file", "layer", "code-field",
      "name-field");

  private static void importBoundaries(List<String> args) {
    java.util.Map<String, String> opts = new java.util.HashMap<>();
    List<String> settings = new java.util.ArrayList<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      String key = a.startsWith("--") && eq > 2 ? a.substring(2, eq) : "";
      if (IMPORT_KEYS.contains(key)) {
        opts.put(key, a.substring(eq + 1));
      } else {
        settings.add(a);
      }
    }
    if (!opts.containsKey("level") || !opts.containsKey("file")) {
      throw new IllegalArgumentException("import-boundaries needs --level=voivodeship|county|municipality and --file=PATH");
    }
    ServerConfig config = logsAs(ConfigLoader.load(settings, System.getenv()));
    BoundaryLevel level = BoundaryLevel.ofKey(opts.get("level"));
    AttributeMapping mapping = new AttributeMapping(opts.getOrDefault("code-field", AttributeMapping.PRG.codeField()),
        opts.getOrDefault("name-field", AttributeMapping.PRG.nameField()));
    BoundaryReader reader = new BoundaryReader(level, mapping);
    Path file = Path.of(opts.get("file"));
    BoundaryImport read = opts.containsKey("layer") ? reader.read(file, opts.get("layer")) : reader.read(file);
    System.err.println(read.summary());
    try (ReportStore store = Stores.open(config)) {
      BoundaryImporter.Result r = BoundaryImporter.run(store, read);
      System.err.printf("stored %d %s boundaries (%d repaired); %d areas indexed; TERYT codes changed on %d reports%n",
          r.boundaries(), level.key(), r.repaired(), r.areasIndexed(), r.reportsChanged());
    }
  }

  /**
   * {@code import-indicators} and {@code import-population}: one CSV file of one level, stored whole
   * or not at all; every other --key=value is a server setting (which store, which layers directory).
   */
  private static void importStatistics(String command, List<String> args) {
    java.util.Map<String, String> opts = new java.util.HashMap<>();
    List<String> settings = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--level=") || a.startsWith("--file=")) {
        opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else {
        settings.add(a);
      }
    }
    if (!opts.containsKey("level") || !opts.containsKey("file")) {
      throw new IllegalArgumentException(command + " needs --level=voivodeship|county|municipality and --file=PATH.csv");
    }
    ServerConfig config = logsAs(ConfigLoader.load(settings, System.getenv()));
    BoundaryLevel level = BoundaryLevel.ofKey(opts.get("level"));
    Path file = Path.of(opts.get("file"));
    try (ReportStore store = Stores.open(config)) {
      pl.kmzb.indicator.IndicatorImporter.Result r = command.equals("import-indicators")
          ? pl.kmzb.indicator.IndicatorImporter.indicators(store,
              pl.kmzb.indicator.IndicatorCatalog.load(config.layersDir()), level, file)
          : pl.kmzb.indicator.IndicatorImporter.population(store, level, file);
      System.err.println(r.summary());
    }
  }

  private static void importPoliceUnits(List<String> args) {
    List<String> files = args.stream().filter(a -> a.startsWith("--file=")).map(a -> a.substring(7)).toList();
    if (files.size() != 1) {
      throw new IllegalArgumentException("import-police-units needs exactly one --file=PATH (.csv or .geojson)");
    }
    ServerConfig config = logsAs(ConfigLoader.load(args.stream().filter(a -> !a.startsWith("--file=")).toList(),
        System.getenv()));
    try (ReportStore store = Stores.open(config)) {
      System.err.println(pl.kmzb.unit.PoliceUnitImporter.run(store, Path.of(files.get(0))).summary());
    }
  }

  /** The {@code import-roads} command without the exit: its failures are thrown, for the caller to report. */
  static pl.kmzb.roads.RoadImporter.Result importRoads(List<String> args, java.io.PrintStream progress) {
    List<String> files = args.stream().filter(a -> a.startsWith("--file=")).map(a -> a.substring(7)).toList();
    if (files.size() != 1) {
      throw new IllegalArgumentException("import-roads needs exactly one --file=PATH (.geojson or .gpkg)");
    }
    ServerConfig config = logsAs(ConfigLoader.load(args.stream().filter(a -> !a.startsWith("--file=")).toList(),
        System.getenv()));
    pl.kmzb.roads.RoadImport read = new pl.kmzb.roads.RoadReader(pl.kmzb.crs.CrsRegistry.standard())
        .read(Path.of(files.get(0)));
    progress.println(read.summary());
    try (ReportStore store = Stores.open(config)) {
      pl.kmzb.roads.RoadImporter.Result r = pl.kmzb.roads.RoadImporter.run(store, read);
      progress.printf("stored road network version %d: %d roads%n", r.version(), r.roads());
      return r;
    }
  }

  private static void importReports(List<String> args) throws java.io.IOException {
    importReports(ImportReportsArgs.parse(args), System.err);
  }

  /** The {@code import-reports} command without the exit: its failures are thrown, for the caller to report. */
  static pl.kmzb.ingest.ReportFileImporter.Result importReports(ImportReportsArgs a, java.io.PrintStream progress)
      throws java.io.IOException {
    ServerConfig config = logsAs(ConfigLoader.load(a.settings(), System.getenv()));
    // Read the outline and the catalogue while the store connects and migrates: ~0.7 s saved.
    java.util.concurrent.CompletableFuture<pl.kmzb.ingest.NationalOutline> outline =
        java.util.concurrent.CompletableFuture.supplyAsync(pl.kmzb.ingest.NationalOutline::poland);
    java.util.concurrent.CompletableFuture<CategoryCatalog> catalog =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> CategoryCatalog.load(config.layersDir()));
    try (ReportStore store = Stores.open(config)) {
      pl.kmzb.boundary.TerytAssigner areas = new pl.kmzb.boundary.TerytAssigner(
          pl.kmzb.store.JdbcBoundaryStore.of(store)).reload();
      pl.kmzb.ingest.ReportFileImporter importer = new pl.kmzb.ingest.ReportFileImporter(joined(catalog),
          new pl.kmzb.ingest.Territory(joined(outline), areas::index), progress);
      return importer.run(store, a.file(), "import:" + a.file().getFileName(), a.rejects());
    }
  }

  /** The future's value; its failure rethrown as it was thrown, so the caller's handlers still match it. */
  private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Arguments of {@code import-reports}: the file; {@code rejects}, the rejects file of skip mode
   * ({@code --skip-failures --rejects=FILE}; null: all or nothing); and every other --key=value as a
   * server setting (which store).
   */
  record ImportReportsArgs(Path file, Path rejects, List<String> settings) {
    private static final String SKIP = "--skip-failures";

    static ImportReportsArgs parse(List<String> args) {
      List<String> files = values(args, "--file=");
      if (files.size() != 1) {
        throw new IllegalArgumentException("import-reports needs exactly one --file=PATH (.csv or .geojson)");
      }
      List<String> rejects = values(args, "--rejects=");
      boolean skip = args.contains(SKIP);
      // Skipping is never implied: an operator asks for it and says where the skipped rows go.
      if (skip != (rejects.size() == 1) || rejects.size() > 1) {
        throw new IllegalArgumentException("import-reports: --skip-failures and --rejects=FILE go together"
            + " (store the good rows, write the bad ones to FILE); without both, one bad row stores nothing");
      }
      return new ImportReportsArgs(Path.of(files.get(0)), skip ? Path.of(rejects.get(0)) : null, args.stream()
          .filter(a -> !a.startsWith("--file=") && !a.startsWith("--rejects=") && !a.equals(SKIP)).toList());
    }

    private static List<String> values(List<String> args, String prefix) {
      return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).toList();
    }
  }

  /** Arguments of {@code demo-data}. */
  record DemoDataArgs(long count, long seed, Path output) {
    static DemoDataArgs parse(List<String> args) {
      long count = 200_000;
      long seed = 20161005;
      Path output = null;
      for (String a : args) {
        String[] kv = a.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("demo-data: argument '" + a + "' is not of the form --key=value");
        }
        switch (kv[0]) {
          case "--count" -> count = Long.parseLong(kv[1]);
          case "--seed" -> seed = Long.parseLong(kv[1]);
          case "--output" -> output = Path.of(kv[1]);
          default -> throw new IllegalArgumentException("demo-data: unknown argument " + kv[0]
              + "; known: --count, --seed, --output");
        }
      }
      if (output == null) {
        throw new IllegalArgumentException("demo-data: --output=FILE.csv or FILE.geojson is required");
      }
      if (count < 0) {
        throw new IllegalArgumentException("demo-data: --count must not be negative");
      }
      return new DemoDataArgs(count, seed, output);
    }
  }

  static String usage() {
    return """
        usage: java -jar kmzb-server.jar [serve] [--key=value ...]
               java -jar kmzb-server.jar start-check [--key=value ...]
                   (starts with these settings, waits until ready, stops cleanly: exit 0 when ready)
               java -jar kmzb-server.jar demo-data --output=FILE.csv|FILE.geojson [--count=200000] [--seed=20161005]
               java -jar kmzb-server.jar import-boundaries --level=voivodeship|county|municipality --file=PATH
                   [--layer=NAME] [--code-field=JPT_KOD_JE] [--name-field=JPT_NAZWA_] [--store=… settings]
               java -jar kmzb-server.jar import-reports --file=REPORTS.csv|REPORTS.geojson
                   [--skip-failures --rejects=REJECTS.csv|REJECTS.geojson] [--store=… settings]
                   (by default one bad row stores nothing; with --skip-failures the good rows are stored
                   and each bad row is written to the rejects file with its line and reason, in the
                   input's format: fix the rows there and import that file)
               java -jar kmzb-server.jar import-police-units --file=UNITS.csv|UNITS.geojson [--store=… settings]
               java -jar kmzb-server.jar import-roads --file=ROADS.geojson|ROADS.gpkg [--store=… settings]
                   (national and voivodeship roads; one bad feature stores nothing, the previous network stays)
               java -jar kmzb-server.jar import-indicators --level=voivodeship|county|municipality --file=VALUES.csv
                   [--store=… settings]   (columns teryt,indicator,period,value; indicators of layers/indicators.yaml)
               java -jar kmzb-server.jar import-population --level=voivodeship|county|municipality --file=GUS.csv
                   [--store=… settings]   (columns teryt,year,population)
                   (both store the whole file or, if any line is wrong, nothing; each problem is named by line)
               java -jar kmzb-server.jar help

        Settings (command line > environment > --config=FILE.yaml or KMZB_CONFIG > default):
        """ + ConfigLoader.help();
  }

  private static void fail(String message) {
    System.err.println("kmzb: " + message);
    System.exit(2);
  }
}
