package pl.kmzb.category;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The category catalogue ({@code layers/categories.yaml}), loaded once and validated. */
public final class CategoryCatalog {
  public static final String FILE = "categories.yaml";
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,39}");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
  private static final Pattern ICON = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private record FileContent(List<CategoryGroup> groups, List<Category> categories) {}

  private final Map<String, CategoryGroup> groups;
  private final Map<String, Category> categories;

  private CategoryCatalog(Map<String, CategoryGroup> groups, Map<String, Category> categories) {
    this.groups = groups;
    this.categories = categories;
  }

  /** Loads from a layers directory, or from the copy bundled in the jar when {@code dir} is null. */
  public static CategoryCatalog load(Path dir) {
    String where = dir == null ? "bundled layers/" + FILE : dir.resolve(FILE).toString();
    try (InputStream in = dir == null
        ? CategoryCatalog.class.getResourceAsStream("/layers/" + FILE)
        : Files.newInputStream(dir.resolve(FILE))) {
      if (in == null) {
        throw new CatalogException(where + ": not found");
      }
      return parse(in, where);
    } catch (IOException e) {
      throw new CatalogException(where + ": cannot read: " + e.getMessage());
    }
  }

  static CategoryCatalog parse(InputStream in, String where) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    FileContent content;
    try {
      content = yaml.readValue(in, FileContent.class);
    } catch (UnrecognizedPropertyException e) {
      throw new CatalogException(where + ": unknown key '" + e.getPropertyName() + "' at line "
          + e.getLocation().getLineNr() + "; known keys: " + e.getKnownPropertyIds());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new CatalogException(where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CatalogException(where + ": " + e.getMessage());
    }
    return validate(content, where);
  }

  private static CategoryCatalog validate(FileContent content, String where) {
    List<String> errors = new ArrayList<>();
    Map<String, CategoryGroup> groups = new LinkedHashMap<>();
    for (CategoryGroup g : content.groups() == null ? List.<CategoryGroup>of() : content.groups()) {
      if (g.code() == null || !CODE.matcher(g.code()).matches()) {
        errors.add("group code '" + g.code() + "' must be lower snake_case");
      } else if (groups.putIfAbsent(g.code(), g) != null) {
        errors.add("group '" + g.code() + "' is defined twice");
      }
    }
    Map<String, Category> categories = new LinkedHashMap<>();
    for (Category c : content.categories() == null ? List.<Category>of() : content.categories()) {
      String name = "category '" + c.code() + "'";
      if (c.code() == null || !CODE.matcher(c.code()).matches()) {
        errors.add(name + ": code must be lower snake_case ASCII");
        continue;
      }
      if (categories.putIfAbsent(c.code(), c) != null) {
        errors.add(name + " is defined twice");
      }
      if (blank(c.namePl()) || blank(c.nameEn())) {
        errors.add(name + ": name_pl and name_en are required");
      }
      if (!groups.containsKey(c.group())) {
        errors.add(name + ": group '" + c.group() + "' is not one of " + groups.keySet());
      }
      if (c.colour() == null || !COLOUR.matcher(c.colour()).matches()) {
        errors.add(name + ": colour '" + c.colour() + "' must be #rrggbb in lower case");
      }
      if (c.icon() == null || !ICON.matcher(c.icon()).matches()) {
        errors.add(name + ": icon '" + c.icon() + "' must be a Maki icon name");
      }
      if (c.rules().generaliseLocationM() < 0) {
        errors.add(name + ": rules.generalise_location_m must not be negative");
      }
    }
    if (categories.isEmpty()) {
      errors.add("no categories defined");
    }
    if (!errors.isEmpty()) {
      throw new CatalogException(where + ":\n  - " + String.join("\n  - ", errors));
    }
    return new CategoryCatalog(java.util.Collections.unmodifiableMap(groups), java.util.Collections.unmodifiableMap(categories));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public Optional<Category> find(String code) {
    return Optional.ofNullable(categories.get(code));
  }

  public Collection<Category> all() {
    return categories.values();
  }

  public Collection<CategoryGroup> groups() {
    return groups.values();
  }

  /** Codes of categories shown publicly only in a confirmed status. */
  public Set<String> publicOnlyWhenConfirmed() {
    return categories.values().stream().filter(c -> c.rules().publicOnlyWhenConfirmed())
        .map(Category::code).collect(Collectors.toUnmodifiableSet());
  }

  /** Thrown at start-up when the catalogue is missing or invalid; the message lists every problem. */
  public static final class CatalogException extends RuntimeException {
    public CatalogException(String message) {
      super(message);
    }
  }
}
