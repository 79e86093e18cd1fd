package pl.kmzb.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;

/**
 * Category codes numbered for a one-byte column: the catalogue's first, then codes met in stored
 * rows that the catalogue no longer knows (the police still count those; the public never sees
 * them). Groups are numbered in catalogue order; an unknown code has none.
 */
final class CategoryTable {
  private final List<String> codes = new ArrayList<>();
  private final List<Integer> groupOf = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> groups;

  CategoryTable(CategoryCatalog catalog) {
    groups = catalog.groups().stream().map(g -> g.code()).toList();
    for (Category c : catalog.all()) {
      add(c.code(), groups.indexOf(c.group()));
    }
  }

  private int add(String code, int group) {
    if (codes.size() >= Byte.MAX_VALUE) {
      throw new IllegalStateException("more than " + Byte.MAX_VALUE + " category codes");
    }
    codes.add(code);
    groupOf.add(group);
    index.put(code, codes.size() - 1);
    return codes.size() - 1;
  }

  byte intern(String code) {
    Integer i = index.get(code);
    return (byte) (i != null ? i : add(code, -1));
  }

  /** The number of a code, or -1 if no stored row and no catalogue entry has it. */
  int indexOf(String code) {
    return index.getOrDefault(code, -1);
  }

  String code(int i) {
    return codes.get(i);
  }

  /** The group number of category {@code i}, -1 for none. */
  int group(int i) {
    return groupOf.get(i);
  }

  int size() {
    return codes.size();
  }

  List<String> groups() {
    return groups;
  }
}
