package pl.kmzb.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;

/**
 * How often each category occurs in the synthetic mix ({@code demo/category-shares.csv}). The
 * table must name exactly the catalogue's categories: a category added to the catalogue without a
 * share would silently never appear in demos, so that fails at start instead.
 */
final class CategoryMix {
  /**
   * Categories that did not exist from the start; a report dated before is drawn again. The
   * entertainment-venue category was added in January 2019 after the Koszalin escape-room fire.
   */
  private static final Map<String, Instant> INTRODUCED = Map.of(
      "dangerous_entertainment_venue", Instant.parse("2019-01-01T00:00:00Z"));

  private final Weighted<String> shares;
  private final Instant[] introduced;

  private CategoryMix(Weighted<String> shares) {
    this.shares = shares;
    this.introduced = shares.items().stream().map(c -> INTRODUCED.getOrDefault(c, Instant.MIN))
        .toArray(Instant[]::new);
  }

  static CategoryMix load(CategoryCatalog catalog) {
    Map<String, Double> byCode = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (ResourceCsv.Row row : ResourceCsv.read("category-shares.csv", "code,share")) {
      String code = row.text(0);
      double share = row.number(1);
      if (!(share >= 0) || Double.isInfinite(share)) {
        errors.add("line " + row.line() + ": share of " + code + " must be a number >= 0");
      } else if (catalog.find(code).isEmpty()) {
        errors.add("line " + row.line() + ": '" + code + "' is not a category of the catalogue");
      } else if (byCode.putIfAbsent(code, share) != null) {
        errors.add("line " + row.line() + ": '" + code + "' is listed twice");
      }
    }
    TreeSet<String> missing = new TreeSet<>();
    for (Category c : catalog.all()) {
      if (!byCode.containsKey(c.code())) {
        missing.add(c.code());
      }
    }
    if (!missing.isEmpty()) {
      errors.add("no share for catalogue categories " + missing);
    }
    if (byCode.entrySet().stream().noneMatch(e -> e.getValue() > 0 && !INTRODUCED.containsKey(e.getKey()))) {
      errors.add("at least one category that existed from the start must have a share above 0");
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("demo/category-shares.csv does not match the category catalogue:\n  - "
          + String.join("\n  - ", errors));
    }
    List<String> codes = new ArrayList<>(byCode.keySet());
    double[] weights = byCode.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new CategoryMix(Weighted.of(codes, weights));
  }

  /** A category for a report made at {@code reportedAt}. */
  String pick(SplittableRandom random, Instant reportedAt) {
    while (true) {
      int i = shares.index(random);
      if (!reportedAt.isBefore(introduced[i])) {
        return shares.items().get(i);
      }
    }
  }

  /** Codes with their share between 0 and 1, in file order. */
  Map<String, Double> shares() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < shares.items().size(); i++) {
      out.put(shares.items().get(i), shares.share(i));
    }
    return out;
  }
}
