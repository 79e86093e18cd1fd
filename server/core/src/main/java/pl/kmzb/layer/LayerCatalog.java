package pl.kmzb.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.report.Actor;

/**
 * The published-layer catalogue ({@code layers/layers.yaml}) every OGC service reads: the service's
 * metadata and the layer tree. Services add no metadata of their own, so WMS, WFS and OGC API
 * Features describe the same layers in the same words. Loaded like the category catalogue (the
 * {@code layers.dir} directory, or the copy bundled in the jar) and validated at start, listing every
 * problem; category and category-group layers are generated from {@code categories.yaml}.
 */
public final class LayerCatalog {
  public static final String FILE = "layers.yaml";

  private final ServiceMetadata service;
  private final Map<String, PublishedLayer> layers;

  LayerCatalog(ServiceMetadata service, Map<String, PublishedLayer> layers) {
    this.service = service;
    this.layers = layers;
  }

  /**
   * Loads from a layers directory, or from the copy bundled in the jar when {@code dir} is null.
   *
   * @throws LayerCatalogException listing every problem of the file
   */
  public static LayerCatalog load(Path dir, CategoryCatalog categories) {
    String where = dir == null ? "bundled layers/" + FILE : dir.resolve(FILE).toString();
    try (InputStream in = dir == null
        ? LayerCatalog.class.getResourceAsStream("/layers/" + FILE)
        : Files.newInputStream(dir.resolve(FILE))) {
      if (in == null) {
        throw new LayerCatalogException(where + ": not found");
      }
      return parse(in, where, categories, () -> pl.kmzb.indicator.IndicatorCatalog.load(dir));
    } catch (IOException e) {
      throw new LayerCatalogException(where + ": cannot read: " + e.getMessage());
    }
  }

  static LayerCatalog parse(InputStream in, String where, CategoryCatalog categories) {
    return parse(in, where, categories, () -> pl.kmzb.indicator.IndicatorCatalog.load(null));
  }

  /** {@code indicators} is read once the file itself has been read (its problems come first). */
  static LayerCatalog parse(InputStream in, String where, CategoryCatalog categories,
      java.util.function.Supplier<pl.kmzb.indicator.IndicatorCatalog> indicators) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new LayerCatalogException(where + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    } catch (IOException e) {
      throw new LayerCatalogException(where + ": " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new LayerCatalogException(where + ": empty file");
    }
    return new LayerFileReader(categories, indicators.get()).read(root, where);
  }

  public ServiceMetadata service() {
    return service;
  }

  /** Every layer, in tree order (a parent before its children, siblings in the file's order). */
  public List<PublishedLayer> all() {
    return List.copyOf(layers.values());
  }

  public Optional<PublishedLayer> find(String id) {
    return Optional.ofNullable(id == null ? null : layers.get(id));
  }

  /** The layers a caller may see: police layers only for police users (any {@link Actor}). */
  public List<PublishedLayer> visibleTo(Optional<Actor> actor) {
    if (actor.isPresent()) {
      return all();
    }
    return layers.values().stream().filter(PublishedLayer::isPublic).toList();
  }

  /** The direct children of a layer, in tree order; the top-level layers for a null id. */
  public List<PublishedLayer> children(String parentId) {
    return layers.values().stream()
        .filter(l -> parentId == null ? l.parent() == null : parentId.equals(l.parent())).toList();
  }

  static Map<String, PublishedLayer> ordered(Map<String, PublishedLayer> inFileOrder) {
    // Tree order: depth first from the top-level layers, so a group's children follow it directly
    // even when the file lists a child after an unrelated layer.
    Map<String, PublishedLayer> out = new LinkedHashMap<>();
    Map<String, List<PublishedLayer>> byParent = new LinkedHashMap<>();
    for (PublishedLayer l : inFileOrder.values()) {
      byParent.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l);
    }
    addSubtree(null, byParent, out);
    return Collections.unmodifiableMap(out);
  }

  private static void addSubtree(String parent, Map<String, List<PublishedLayer>> byParent,
      Map<String, PublishedLayer> out) {
    for (PublishedLayer l : byParent.getOrDefault(parent, List.of())) {
      out.put(l.id(), l);
      addSubtree(l.id(), byParent, out);
    }
  }
}
