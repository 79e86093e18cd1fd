package pl.kmzb.ogctiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.indicator.IndicatorTileLayer;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Actor;
import pl.kmzb.tiles.BoundaryTileLayer;
import pl.kmzb.tiles.PoliceUnitTileLayer;

/**
 * The collections of OGC API – Tiles, read off the published-layer catalogue (one id for a layer,
 * its WMS layer, its feature collection and its tile collection): every layer but the groups, each
 * with the tileset that holds its vector tiles, if any.
 */
final class TileCollections {
  /** The public clustered threats ({@code ThreatTileLayer.ID}) and the police ones ({@code PoliceTileLayer.ID}). */
  static final String THREATS = "threats";
  static final String POLICE_THREATS = "police-threats";

  private final Map<String, TileCollection> collections = new LinkedHashMap<>();

  TileCollections(List<TileCollection> list) {
    for (TileCollection c : list) {
      collections.put(c.id(), c);
    }
  }

  static TileCollections of(LayerCatalog layers, CategoryCatalog categories) {
    List<TileCollection> out = new ArrayList<>();
    for (PublishedLayer l : layers.all()) {
      if (l.kind() == LayerKind.GROUP) {
        continue;
      }
      Set<String> fixed = switch (l.kind()) {
        case CATEGORY -> Set.of(l.parameter());
        case CATEGORY_GROUP -> categories.all().stream().filter(c -> c.group().equals(l.parameter()))
            .map(Category::code).collect(Collectors.toSet());
        default -> Set.of();
      };
      String tileset = switch (l.kind()) {
        case THREAT_CLUSTERS, CATEGORY, CATEGORY_GROUP -> THREATS;
        case POLICE_REPORTS -> POLICE_THREATS;
        case BOUNDARIES -> BoundaryTileLayer.idOf(BoundaryLevel.ofKey(l.parameter()));
        case POLICE_UNITS -> PoliceUnitTileLayer.ID;
        case INDICATOR -> IndicatorTileLayer.idOf(l);
        default -> null;
      };
      out.add(new TileCollection(l, tileset, fixed));
    }
    return new TileCollections(out);
  }

  Optional<TileCollection> find(String id) {
    return Optional.ofNullable(collections.get(id));
  }

  /** Police collections only for callers with credentials, as every other listing. */
  List<TileCollection> visibleTo(Optional<Actor> caller) {
    return collections.values().stream().filter(c -> !c.isPolice() || caller.isPresent()).toList();
  }
}
