package pl.kmzb.ogctiles;

import java.util.List;
import java.util.Set;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;

/**
 * A catalogue layer as an OGC API – Tiles collection: map tiles of every layer (the WMS renderer
 * draws each), and vector tiles where one of the tile API's tilesets holds its data.
 *
 * @param vectorTileset the {@code /tiles/{id}} tileset of its vector tiles, or null (drawings only:
 *     points, heat map, choropleths)
 * @param categories the categories the layer fixes (a category or category group layer over the
 *     {@code threats} tileset), empty for none
 */
record TileCollection(PublishedLayer layer, String vectorTileset, Set<String> categories) {
  TileCollection {
    categories = Set.copyOf(categories);
  }

  String id() {
    return layer.id();
  }

  boolean hasVectorTiles() {
    return vectorTileset != null;
  }

  boolean showsReports() {
    return switch (layer.kind()) {
      case THREAT_CLUSTERS, THREAT_POINTS, CATEGORY, CATEGORY_GROUP, HEATMAP, POLICE_REPORTS -> true;
      default -> false;
    };
  }

  boolean isPolice() {
    return !layer.isPublic();
  }

  /** 0 points, 2 surfaces (OGC TMS geometryDimension). */
  int geometryDimension() {
    return layer.kind() == LayerKind.BOUNDARIES || layer.kind() == LayerKind.AREA_COUNTS ? 2 : 0;
  }

  List<String> styles() {
    return layer.styles();
  }
}
