package pl.kmzb.features;

import java.util.Set;
import pl.kmzb.encode.FeatureView;

/**
 * One collection (OGC API) or feature type (WFS) of reports: which categories it holds, which view
 * of them it shows, and whether only police callers may read it.
 *
 * @param categories the categories it holds; empty for every category
 * @param reference for the reference collections (areas with counts, police units, boundaries),
 *     what they hold; null (and {@code view} set) for report collections
 */
public record FeatureCollection(String id, String titlePl, String titleEn, String description, FeatureView view,
    Set<String> categories, boolean policeOnly, ReferenceLayer reference) {
  public FeatureCollection(String id, String titlePl, String titleEn, String description, FeatureView view,
      Set<String> categories, boolean policeOnly) {
    this(id, titlePl, titleEn, description, view, categories, policeOnly, null);
  }

  public FeatureCollection {
    categories = Set.copyOf(categories);
    if (!id.matches("[a-z][a-z0-9_.-]*")) {
      // ids are XML names (WFS type names), URL path segments and JSON keys at once
      throw new IllegalArgumentException("collection id '" + id + "' must match [a-z][a-z0-9_.-]*");
    }
  }
}
