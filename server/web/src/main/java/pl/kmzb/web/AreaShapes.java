package pl.kmzb.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.http.Json;

/**
 * The imported areas of one level as small GeoJSON for the statistics page's choropleth
 * ({@code /web/statistics/areas/{level}.json}): each outline simplified for the scale the page
 * shows that level at, coordinates rounded to 4 decimals (~10 m), properties {@code code} and
 * {@code name}. The full outlines (the OGC API collections {@code boundaries.*}) are megabytes for
 * the municipalities; these are a few hundred kilobytes. Built from the boundary index the server
 * assigns TERYT codes with, once per index (an import swaps the index, and the next request
 * rebuilds), so the page always draws the areas the statistics count.
 */
final class AreaShapes {
  /** One level's document, with the index it was built from. */
  private record Built(BoundaryIndex index, StaticAssets.Asset asset) {}

  private final Supplier<BoundaryIndex> boundaries;
  private final Map<BoundaryLevel, Built> cache = new ConcurrentHashMap<>();

  AreaShapes(Supplier<BoundaryIndex> boundaries) {
    this.boundaries = boundaries;
  }

  /**
   * Simplification tolerance in degrees: about 1 km for voivodeships (the page shows the whole
   * country), 500 m for counties and 200 m for municipalities, below a pixel at the zooms the page
   * opens each level at.
   */
  static double tolerance(BoundaryLevel level) {
    return switch (level) {
      case VOIVODESHIP -> 0.01;
      case COUNTY -> 0.005;
      case MUNICIPALITY -> 0.002;
    };
  }

  /** The document of {@code level} for the boundaries in force now. */
  StaticAssets.Asset of(BoundaryLevel level) {
    BoundaryIndex index = boundaries.get();
    Built built = cache.compute(level, (l, old) -> old != null && old.index() == index ? old
        : new Built(index, StaticAssets.of(l.key() + ".json", json(index, l))));
    return built.asset();
  }

  static byte[] json(BoundaryIndex index, BoundaryLevel level) {
    List<Boundary> areas = index.all().stream().filter(b -> b.level() == level)
        .sorted(Comparator.comparing(Boundary::code)).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + areas.size() * 2048);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeStringField("level", level.key());
      g.writeArrayFieldStart("features");
      for (Boundary b : areas) {
        feature(g, b, TopologyPreservingSimplifier.simplify(b.geometry(), tolerance(level)));
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void feature(JsonGenerator g, Boundary b, Geometry simple) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "Feature");
    g.writeStringField("id", b.code());
    g.writeObjectFieldStart("properties");
    g.writeStringField("code", b.code());
    g.writeStringField("name", b.name());
    g.writeEndObject();
    g.writeObjectFieldStart("geometry");
    g.writeStringField("type", "MultiPolygon");
    g.writeArrayFieldStart("coordinates");
    for (int i = 0; i < simple.getNumGeometries(); i++) {
      Polygon p = (Polygon) simple.getGeometryN(i);
      if (p.isEmpty()) {
        continue;
      }
      g.writeStartArray();
      ring(g, p.getExteriorRing().getCoordinates());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        ring(g, p.getInteriorRingN(h).getCoordinates());
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void ring(JsonGenerator g, Coordinate[] coordinates) throws IOException {
    g.writeStartArray();
    for (Coordinate c : coordinates) {
      g.writeStartArray();
      g.writeNumber(Math.round(c.x * 1e4) / 1e4);
      g.writeNumber(Math.round(c.y * 1e4) / 1e4);
      g.writeEndArray();
    }
    g.writeEndArray();
  }
}
