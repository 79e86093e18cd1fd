package pl.kmzb.style;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;

/**
 * Keeps category colours and icons in one place ({@code layers/categories.yaml}): a style reads
 * them per feature ({@code category_colour}, {@code icon:{category}}) and may not repeat them. A
 * style that names a category's colour as a literal, or that refers to a category code the
 * catalogue does not know, is refused at load.
 */
final class CategoryBinding {
  private CategoryBinding() {}

  static List<String> problems(Style style, String xml, CategoryCatalog categories, String where) {
    List<String> out = new ArrayList<>();
    String lower = xml.toLowerCase(Locale.ROOT);
    for (Category c : categories.all()) {
      if (lower.contains(c.colour().toLowerCase(Locale.ROOT))) {
        out.add(where + ": repeats the colour " + c.colour() + " of category " + c.code()
            + "; read it from the catalogue with <ogc:PropertyName>category_colour</ogc:PropertyName>");
      }
    }
    for (Rule r : style.rules()) {
      collect(r.filter(), categories, where, r, out);
    }
    return out;
  }

  private static void collect(StyleFilter f, CategoryCatalog categories, String where, Rule r, List<String> out) {
    if (f instanceof StyleFilter.Compare c && c.property().equals("category")
        && categories.find(c.literal()).isEmpty()) {
      out.add(where + ": rule " + r.name() + " compares with category '" + c.literal()
          + "', which layers/categories.yaml does not have");
    } else if (f instanceof StyleFilter.And a) {
      a.parts().forEach(p -> collect(p, categories, where, r, out));
    } else if (f instanceof StyleFilter.Or o) {
      o.parts().forEach(p -> collect(p, categories, where, r, out));
    } else if (f instanceof StyleFilter.Not n) {
      collect(n.part(), categories, where, r, out);
    }
  }
}
