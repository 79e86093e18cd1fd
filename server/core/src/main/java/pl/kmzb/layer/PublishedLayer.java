package pl.kmzb.layer;

import java.util.List;

/**
 * One layer of the catalogue every OGC service publishes.
 *
 * @param summary the abstract; may be null
 * @param parameter the category code, group code or boundary level the kind needs; null otherwise
 * @param styles names of {@code styles/<name>.sld}; the first is the default; empty for a group
 * @param attribution a credit line; may be null
 * @param parent id of the group layer above this one in the tree, or null at the top
 */
public record PublishedLayer(String id, Text title, Text summary, List<String> keywords, LayerKind kind,
    String parameter, List<String> styles, Access access, boolean queryable, String attribution, String parent) {
  public PublishedLayer {
    keywords = List.copyOf(keywords);
    styles = List.copyOf(styles);
  }

  /** The style drawn when a request names none; null for a group. */
  public String defaultStyle() {
    return styles.isEmpty() ? null : styles.get(0);
  }

  public boolean isPublic() {
    return access == Access.PUBLIC;
  }
}
