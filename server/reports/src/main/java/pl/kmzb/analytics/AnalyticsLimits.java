package pl.kmzb.analytics;

/**
 * The bounds every analytics request is held to, so that one request costs bounded time and memory
 * whatever it asks (a request beyond them is a 400 naming the parameter). docs/ANALYTICS.md lists
 * them for analysts.
 */
public final class AnalyticsLimits {
  /** Grid cells: 100 m (street blocks) to 50 km. */
  public static final double MIN_CELL_METRES = 100;
  public static final double MAX_CELL_METRES = 50_000;
  /** Cells of one grid: Poland at 1 km is about 480,000 (memory: about 30 bytes a cell while computing). */
  public static final long MAX_CELLS = 1_500_000;
  /** Cells one answer may list when every cell is asked for ({@code cells=all}). */
  public static final long MAX_LISTED_CELLS = 250_000;
  /** Gi* neighbourhood: at least one cell (the eight or four nearest), at most 25 cells and 100 km. */
  public static final double MAX_DISTANCE_CELLS = 25;
  public static final double MAX_DISTANCE_METRES = 100_000;
  /** Kernel bandwidth: at least one cell, at most 10 cells (a point touches at most 23 × 23 cells) and 50 km. */
  public static final double MAX_BANDWIDTH_CELLS = 10;
  public static final double MAX_BANDWIDTH_METRES = 50_000;
  /** Coverage radius: 100 m to 50 km. */
  public static final double MIN_RADIUS_METRES = 100;
  public static final double MAX_RADIUS_METRES = 50_000;
  /** Candidate sites of one ranking, from a grid or a file. */
  public static final int MAX_CANDIDATES = 5_000;
  /** Sites one ranking picks. */
  public static final int MAX_PICKS = 100;
  /** Threats a ranking holds in memory (16 bytes each). */
  public static final int MAX_THREATS = 3_000_000;
  /** A posted candidate file. */
  public static final int MAX_CANDIDATE_FILE_BYTES = 1 << 20;

  /** Road segments: the window (5 km by default, 100 m to 50 km) and the incidents it needs (20 by default). */
  public static final double DEFAULT_SEGMENT_METRES = 5_000;
  public static final double MIN_SEGMENT_METRES = 100;
  public static final double MAX_SEGMENT_METRES = 50_000;
  public static final int DEFAULT_SEGMENT_INCIDENTS = 20;
  public static final int MAX_SEGMENT_INCIDENTS = 1_000_000;
  /** How far a report may lie from a road and still count on it: 50 m by default, at most 1 km. */
  public static final double DEFAULT_SNAP_METRES = 50;
  public static final double MAX_SNAP_METRES = 1_000;
  /** Segments one answer lists. */
  public static final int MAX_SEGMENTS = 10_000;
  /** Segments listed unless the caller gives {@code limit}: the API's and the road-segment layer's. */
  public static final int DEFAULT_SEGMENTS = 100;
  /** The category group ranked unless the caller names a group or categories. */
  public static final String DEFAULT_SEGMENT_GROUP = "road";

  /** The store's reads of one anonymous analysis; beyond it the database cancels them (503). */
  public static final java.time.Duration PUBLIC_READ_TIME = java.time.Duration.ofSeconds(30);

  private AnalyticsLimits() {}
}
