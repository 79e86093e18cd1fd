package pl.kmzb.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.GeometryFixer;
import pl.kmzb.geo.EdgeFreeCells;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;

/**
 * "Is this point in Poland?" for report validation: Poland's outline from Natural Earth Admin 0
 * countries at 1:10m (public domain), read from the TopoJSON of the npm package world-atlas that
 * the build downloads onto the class path, widened by a buffer so points on the coast or on the
 * border line are accepted (1:10m vertices are some hundred metres apart, and quantization moves
 * them up to about 120 m). Immutable and thread-safe; the file is read once per JVM.
 *
 * <p>This is the fallback for new reports until voivodeships are imported: Natural Earth's land
 * leaves out the internal sea waters that Poland's voivodeships include, so {@link Territory}
 * uses the imported boundaries instead as soon as there are voivodeships.
 *
 * <p>The buffer is in metres, applied in a plane where longitude is scaled by the cosine of the
 * outline's northernmost latitude and one degree counts as 110,574 m (the shortest degree of
 * latitude anywhere): so the buffer is nowhere narrower than asked, and at most about 15% wider
 * (east-west, at Poland's southern edge).
 */
public final class NationalOutline {
  static final String RESOURCE = "world-atlas/countries-10m.json";
  static final String POLAND_ID = "616";
  public static final double DEFAULT_BUFFER_METRES = 1_000;
  private static final double MIN_METRES_PER_DEGREE = 110_574;
  private static final double MAX_BUFFER_METRES = 100_000;
  private static final GeometryFactory GEOMETRY = new GeometryFactory();
  /** Grid cells along the outline's longer side: about 1 km over Poland. */
  private static final int GRID_CELLS = 1024;

  private final Geometry outline;
  private final Envelope envelope;
  private final double bufferMetres;
  private final org.locationtech.jts.geom.Envelope bufferedEnvelope;
  private final IndexedPointInAreaLocator locator;
  private final EdgeFreeCells cells;

  private NationalOutline(Geometry outline, double bufferMetres) {
    if (!(bufferMetres >= 0 && bufferMetres <= MAX_BUFFER_METRES)) {
      throw new IllegalArgumentException("buffer must be 0.." + MAX_BUFFER_METRES + " m, got " + bufferMetres);
    }
    if (!(outline instanceof Polygonal) || outline.isEmpty()) {
      throw new IllegalArgumentException("a national outline must be a non-empty polygon or multipolygon");
    }
    this.outline = outline.isValid() ? outline : GeometryFixer.fix(outline);
    org.locationtech.jts.geom.Envelope e = this.outline.getEnvelopeInternal();
    this.envelope = new Envelope(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    this.bufferMetres = bufferMetres;
    Geometry buffered = buffer(this.outline, bufferMetres);
    this.bufferedEnvelope = new org.locationtech.jts.geom.Envelope(buffered.getEnvelopeInternal());
    // The locator PreparedPolygon uses for points, held directly: its index is built here, once,
    // and read without a lock afterwards (PreparedPolygon hands it out from a synchronized getter).
    this.locator = new IndexedPointInAreaLocator(buffered);
    locator.locate(new Coordinate(e.getMinX(), e.getMinY()));
    // Most of the country is a cell away from the border: answered there without geometry.
    this.cells = EdgeFreeCells.of(List.of(buffered), GRID_CELLS, (x, y) -> locatedInside(x, y) ? 1 : 0);
  }

  private boolean locatedInside(double lon, double lat) {
    return locator.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
  }

  /** Poland with the default 1 km buffer; one shared instance. */
  public static NationalOutline poland() {
    return Poland.DEFAULT;
  }

  /** Poland with a buffer of {@code bufferMetres} (0 to 100,000). */
  public static NationalOutline poland(double bufferMetres) {
    return bufferMetres == DEFAULT_BUFFER_METRES ? Poland.DEFAULT : new NationalOutline(Shape.OUTLINE, bufferMetres);
  }

  /** Any outline in EPSG:4326 longitude/latitude, for tests and for other sources of boundaries. */
  static NationalOutline of(Geometry outlineLonLat, double bufferMetres) {
    return new NationalOutline(outlineLonLat, bufferMetres);
  }

  /** True when the point lies in the outline or within the buffer of it. NaN is never inside. */
  public boolean contains(double lon, double lat) {
    int a = cells.answer(lon, lat);
    if (a != EdgeFreeCells.UNKNOWN) {
      return a == 1;
    }
    return containsExactly(lon, lat);
  }

  /** {@link #contains} without the grid: the geometry decides. */
  boolean containsExactly(double lon, double lat) {
    return bufferedEnvelope.contains(lon, lat) && locatedInside(lon, lat);
  }

  public boolean contains(LonLat p) {
    return contains(p.lon(), p.lat());
  }

  /** The bounds of the outline without the buffer. */
  public Envelope envelope() {
    return envelope;
  }

  public double bufferMetres() {
    return bufferMetres;
  }

  /** The outline without the buffer (a JTS geometry: do not modify it). */
  public Geometry outline() {
    return outline;
  }

  private static Geometry buffer(Geometry outline, double metres) {
    if (metres == 0) {
      return outline;
    }
    org.locationtech.jts.geom.Envelope e = outline.getEnvelopeInternal();
    double degrees = metres / MIN_METRES_PER_DEGREE;
    double maxAbsLat = Math.min(89, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())) + degrees);
    double k = Math.cos(Math.toRadians(maxAbsLat));
    Geometry scaled = AffineTransformation.scaleInstance(k, 1).transform(outline);
    return AffineTransformation.scaleInstance(1 / k, 1).transform(scaled.buffer(degrees));
  }

  /**
   * Poland's outline without the buffer, the point-in-area index and the grid (a map's basemap
   * needs only the shape), one shared instance: do not modify it.
   */
  public static Geometry polandOutline() {
    return Shape.OUTLINE;
  }

  /** The bounds of {@link #polandOutline} (what {@code poland().envelope()} answers, without building the rest). */
  public static Envelope polandEnvelope() {
    org.locationtech.jts.geom.Envelope e = Shape.OUTLINE.getEnvelopeInternal();
    return new Envelope(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
  }

  /**
   * Built on first use, so a server that never validates locations never builds it (the buffer,
   * the locator and the grid are most of the cost).
   */
  private static final class Poland {
    static final NationalOutline DEFAULT = new NationalOutline(Shape.OUTLINE, DEFAULT_BUFFER_METRES);
  }

  /** Read on first use, so a server that never needs Poland's shape never reads the file. */
  private static final class Shape {
    static final Geometry OUTLINE = load();

    private static Geometry load() {
      try (InputStream in = NationalOutline.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the class path: it is downloaded by the"
              + " Maven build of kmzb-reports (download-maven-plugin, npm package world-atlas)");
        }
        TopoJson topology = TopoJson.read(in);
        TopoJson.GeometryObject poland = topology
            .find("countries", o -> POLAND_ID.equals(o.id()) || "Poland".equals(o.property("name")))
            .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no country with id " + POLAND_ID));
        return topology.toMultiPolygon(poland, GEOMETRY);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
