package pl.kmzb.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.layer.Access;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Actor;

/**
 * The report collections both feature services publish, taken from the published-layer catalogue
 * (one id for a layer and its collection): every public report ({@code threats.points}), each
 * category group ({@code group.<code>}) and category ({@code category.<code>}), and the police view
 * ({@code police.reports}) for authenticated callers only.
 */
public final class FeatureCatalog {

  private final Map<String, FeatureCollection> collections = new LinkedHashMap<>();

  public FeatureCatalog(List<FeatureCollection> collections) {
    for (FeatureCollection c : collections) {
      if (this.collections.putIfAbsent(c.id(), c) != null) {
        throw new IllegalArgumentException("duplicate collection id " + c.id());
      }
    }
  }

  /**
   * The report collections of the published-layer catalogue: point layers of reports (all public
   * reports, a category group, a category) in the public view, and the police reports in the police
   * view; and the reference collections ({@link ReferenceLayer}: areas with their report counts,
   * police units, boundaries). Clusters and the heat map are drawings and are not published here.
   */
  public static FeatureCatalog of(LayerCatalog layers, CategoryCatalog categories) {
    List<FeatureCollection> out = new ArrayList<>();
    for (PublishedLayer l : layers.all()) {
      Set<String> codes = switch (l.kind()) {
        case THREAT_POINTS, POLICE_REPORTS -> Set.of();
        case CATEGORY_GROUP -> categories.all().stream().filter(c -> c.group().equals(l.parameter()))
            .map(Category::code).collect(Collectors.toSet());
        case CATEGORY -> Set.of(l.parameter());
        default -> null;
      };
      if (codes == null) {
        ReferenceLayer.of(l).ifPresent(r -> out.add(new FeatureCollection(l.id(), l.title().pl(), l.title().en(),
            l.summary() == null ? l.title().en() : l.summary().en(), null, Set.of(), l.access() == Access.POLICE, r)));
        continue;
      }
      FeatureView view = l.kind() == LayerKind.POLICE_REPORTS ? FeatureView.POLICE : FeatureView.PUBLIC;
      out.add(new FeatureCollection(l.id(), l.title().pl(), l.title().en(),
          l.summary() == null ? l.title().en() : l.summary().en(), view, codes, l.access() == Access.POLICE));
    }
    return new FeatureCatalog(out);
  }

  public Optional<FeatureCollection> find(String id) {
    return Optional.ofNullable(collections.get(id));
  }

  /** What a caller may list: police collections only for authenticated (police) callers. */
  public List<FeatureCollection> visibleTo(Optional<Actor> caller) {
    return collections.values().stream().filter(c -> !c.policeOnly() || caller.isPresent()).toList();
  }
}
