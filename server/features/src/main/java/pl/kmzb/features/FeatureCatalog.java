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
import pl.kmzb.category.CategoryGroup;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.report.Actor;

/**
 * The report collections both feature services publish, in one order: every public report
 * ({@code threats.points}), one collection per category group ({@code group.<code>}), and the
 * police view ({@code police.reports}) for authenticated callers only. Ids follow the published-layer
 * catalogue's names, so a layer and its collection share one id.
 */
public final class FeatureCatalog {
  public static final String ALL_REPORTS = "threats.points";
  public static final String POLICE_REPORTS = "police.reports";

  private final Map<String, FeatureCollection> collections = new LinkedHashMap<>();

  public FeatureCatalog(List<FeatureCollection> collections) {
    for (FeatureCollection c : collections) {
      if (this.collections.putIfAbsent(c.id(), c) != null) {
        throw new IllegalArgumentException("duplicate collection id " + c.id());
      }
    }
  }

  /** The collections of the category catalogue's reports. */
  public static FeatureCatalog of(CategoryCatalog categories) {
    List<FeatureCollection> out = new ArrayList<>();
    out.add(new FeatureCollection(ALL_REPORTS, "Zgłoszenia zagrożeń", "Reported threats",
        "Public reports of the threat map; sensitive categories at the centre of their ~200 m grid cell.",
        FeatureView.PUBLIC, Set.of(), false));
    for (CategoryGroup g : categories.groups()) {
      Set<String> codes = categories.all().stream().filter(c -> c.group().equals(g.code())).map(Category::code)
          .collect(Collectors.toSet());
      out.add(new FeatureCollection("group." + g.code(), g.namePl(), g.nameEn(),
          "Public reports of the group '" + g.nameEn() + "'.", FeatureView.PUBLIC, codes, false));
    }
    out.add(new FeatureCollection(POLICE_REPORTS, "Zgłoszenia (Policja)", "Reports (police)",
        "Every report with its exact position, source and deadline state; police users only.",
        FeatureView.POLICE, Set.of(), true));
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
