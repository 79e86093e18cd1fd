package pl.kmzb.cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.http.ApiException;
import pl.kmzb.report.Status;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MvtLayerWriter;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.TileMatrixSet;
import pl.kmzb.tiles.VectorLayer;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The {@code threats} tileset: public reports clustered by {@link ClusterIndex}, filtered by the
 * shared filter model given as query parameters. Tiles are sent with {@code no-cache}, so browsers
 * and proxies revalidate by ETag and a new report shows at once.
 */
public final class ThreatTileLayer implements TileLayer {
  public static final String ID = "threats";

  private final ClusterIndex index;
  private final VisibilityPolicy policy;
  private final List<String> categories;
  private final ClusterTags tags;
  private final TileMatrixSet matrixSet;
  /** The map as first opened: no parameters, parsed once instead of on every request. */
  private final Variant defaultVariant;

  public ThreatTileLayer(ClusterIndex index, PublicPoints points, CategoryCatalog catalog) {
    this.index = index;
    this.policy = points.policy();
    this.categories = points.categoryOrder();
    this.matrixSet = points.matrixSet();
    this.tags = new ClusterTags(categories);
    defaultVariant = variant(Map.of());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Public threat reports of KMZB, clustered up to zoom " + index.settings().clusterMaxZoom();
  }

  @Override
  public int minZoom() {
    return 0;
  }

  @Override
  public int maxZoom() {
    return index.settings().maxZoom();
  }

  @Override
  public List<VectorLayer> vectorLayers() {
    return List.of(new VectorLayer(ID, description(), 0, maxZoom(), tags.fields(Status.PUBLIC)));
  }

  @Override
  public String cacheControl() {
    return "no-cache";
  }

  @Override
  public Variant variant(Map<String, List<String>> query) {
    if (query.isEmpty() && defaultVariant != null) {
      return defaultVariant;
    }
    for (String name : query.keySet()) {
      if (!VisibilityPolicy.PARAMETERS.contains(name) && !FilterParser.PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; the threats tiles take "
            + new TreeSet<>(VisibilityPolicy.PARAMETERS));
      }
    }
    ReportFilter filter = policy.parse(query);
    IndexFilter compiled = IndexFilter.compile(filter, categories, matrixSet);
    return new Variant(compiled.key(), compiled);
  }

  @Override
  public Rendered render(TileCoord tile, Variant variant) {
    if (!index.isLoaded()) {
      throw new ApiException(503, "Service Unavailable", "the cluster index is still loading; see /health");
    }
    TileClusters clusters = index.tile(tile, (IndexFilter) variant.value());
    MvtLayerWriter out = new MvtLayerWriter(ID);
    for (ClusterFeature f : clusters.features()) {
      tags.feature(out, f).add();
    }
    return new Rendered(MvtLayerWriter.encode(List.of(out)), clusters.version());
  }

  /**
   * The MVT of a tile of any matrix set (Geoportal's EPSG:2180, WorldCRS84Quad) for WMTS and OGC API
   * Tiles: the clusters of {@link GridClusters}, cells aligned to that set's tile grid, with the
   * properties of the Web Mercator tiles (no buffer ring and no {@code expansion_zoom}: the levels of
   * such a set do not nest). Cluster ids are {@code (level + 1) << 56 | cellColumn << 28 | cellRow}.
   */
  public byte[] render(CrsRegistry crs, MatrixSet set, TileMatrix m, long col, long row, Variant variant) {
    if (!index.isLoaded()) {
      throw new ApiException(503, "Service Unavailable", "the cluster index is still loading; see /health");
    }
    Status[] statuses = Status.values();
    List<GridClusters.Cell> cells = GridClusters.of(index, (IndexFilter) variant.value(), categories.size(),
        statuses.length, crs, set, m, col, row);
    MvtLayerWriter out = new MvtLayerWriter(ID);
    var b = m.tileBounds(col, row);
    int level = set.levelOf(m);
    for (GridClusters.Cell c : cells) {
      int x = (int) Math.floor((c.east() - b.minX()) / b.width() * MvtLayerWriter.PARAMS.getExtent());
      int y = (int) Math.floor((b.maxY() - c.north()) / b.height() * MvtLayerWriter.PARAMS.getExtent());
      if (c.count() == 1) {
        out.point(c.id(), x, y).tag("id", c.id()).tag("category", categories.get(c.category()))
            .tag("status", statuses[c.status()].code()).tag("reported", java.time.LocalDate.ofInstant(
                java.time.Instant.ofEpochSecond(Math.floorDiv(c.time(), 1_000_000_000L)),
                pl.kmzb.filter.FilterParser.WARSAW).toString()).add();
        continue;
      }
      long id = ((long) (level + 1) << 56) | ((col * GridClusters.CELLS + c.i()) << 28) | (row * GridClusters.CELLS + c.j());
      MvtLayerWriter.Feature feature = out.point(id, x, y).tag("cluster", true).tag("count", c.count());
      for (int i = 0; i < c.categories().length; i++) {
        if (c.categories()[i] > 0) {
          feature.tag("cat_" + categories.get(i), c.categories()[i]);
        }
      }
      for (int i = 0; i < c.statuses().length; i++) {
        if (c.statuses()[i] > 0) {
          feature.tag("st_" + statuses[i].code(), c.statuses()[i]);
        }
      }
      feature.add();
    }
    return MvtLayerWriter.encode(List.of(out));
  }

  @Override
  public long stamp(TileCoord tile) {
    return index.stamp(tile);
  }
}
