package pl.kmzb.style;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.PublishedLayer;

/**
 * The named styles: {@code styles/<name>.sld}, one UserStyle each, named as the file. Loaded once
 * at start from a directory or from the copy bundled in the jar (taken from the repository's
 * {@code styles/}), and validated: every problem of every file is listed (file, line, what), every
 * style a layer names must exist, and nothing in a style may duplicate what
 * {@code layers/categories.yaml} holds (category colours and icons are read from the catalogue
 * through {@code category_colour} and {@code icon:{category}}).
 */
public final class StyleCatalog {
  /** The styles the server ships; the layer catalogue refers to these names. */
  public static final List<String> BUILT_IN = List.of("threats-clusters", "threats-points", "heatmap", "area-counts",
      "police-units", "boundaries", "police-reports");
  /** Bounds on an SLD_BODY or SLD by reference, in characters. */
  public static final int MAX_REQUEST_SLD = 256 * 1024;

  private final Map<String, Style> styles;

  private StyleCatalog(Map<String, Style> styles) {
    this.styles = styles;
  }

  /**
   * The bundled styles, parsed and checked once per server however many plugins draw with them (the
   * WMS, the web map and the console: three parses of every SLD on the start's critical path before).
   */
  public static StyleCatalog bundled(pl.kmzb.plugin.PluginContext context) {
    return context.shared().computeIfAbsent(StyleCatalog.class, () -> load(null, context.catalog(), context.layers()));
  }

  /** Loads every {@code *.sld} of {@code dir}, or the bundled styles when {@code dir} is null. */
  public static StyleCatalog load(Path dir, CategoryCatalog categories, LayerCatalog layers) {
    Map<String, String> sources = dir == null ? bundled(layers) : fromDirectory(dir);
    List<String> problems = new ArrayList<>();
    Map<String, Style> styles = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String name = e.getKey();
      String where = (dir == null ? "bundled styles/" : dir.resolve("").toString() + "/") + name + ".sld";
      try {
        List<StyledLayer> read = SldReader.read(e.getValue(), where);
        if (read.size() != 1 || read.get(0).style() == null) {
          problems.add(where + ": a style file must hold exactly one NamedLayer with one UserStyle");
          continue;
        }
        Style s = read.get(0).style();
        if (!s.name().equals(name)) {
          problems.add(where + ": the UserStyle is named '" + s.name() + "' but the file says '" + name + "'");
        }
        problems.addAll(CategoryBinding.problems(s, e.getValue(), categories, where));
        styles.put(name, s);
      } catch (SldException ex) {
        problems.addAll(ex.problems());
      }
    }
    for (PublishedLayer l : layers.all()) {
      for (String s : l.styles()) {
        if (!sources.containsKey(s)) {
          problems.add("layer " + l.id() + " names style '" + s + "', which is not among the styles ("
              + String.join(", ", new TreeSet<>(sources.keySet())) + ")");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SldException(problems);
    }
    return new StyleCatalog(Map.copyOf(styles));
  }

  private static Map<String, String> bundled(LayerCatalog layers) {
    TreeSet<String> names = new TreeSet<>(BUILT_IN);
    layers.all().forEach(l -> names.addAll(l.styles()));
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      try (InputStream in = StyleCatalog.class.getResourceAsStream("/styles/" + name + ".sld")) {
        if (in != null) {
          out.put(name, new String(in.readNBytes(XmlTree.MAX_CHARS + 1), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new SldException(List.of("bundled styles/" + name + ".sld: cannot read: " + e.getMessage()));
      }
    }
    return out;
  }

  private static Map<String, String> fromDirectory(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".sld")).sorted().toList()) {
        String name = p.getFileName().toString();
        name = name.substring(0, name.length() - 4);
        if (!name.matches("[a-z0-9-]+")) {
          throw new SldException(List.of(p + ": style file names are [a-z0-9-]+.sld"));
        }
        if (Files.size(p) > XmlTree.MAX_CHARS) {
          throw new SldException(List.of(p + ": larger than " + XmlTree.MAX_CHARS + " bytes"));
        }
        out.put(name, Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new SldException(List.of(dir + ": cannot read styles: " + e.getMessage()));
    }
    return out;
  }

  public Optional<Style> find(String name) {
    return Optional.ofNullable(styles.get(name));
  }

  public List<String> names() {
    return List.copyOf(new TreeSet<>(styles.keySet()));
  }

  /**
   * The first UserStyle of a client's SLD (SLD_BODY, or the document SLD= pointed to), in the same
   * subset and bounds as the files; a NamedStyle resolves to this catalogue's style.
   */
  public Style parse(String sldBody) {
    List<StyledLayer> layers = parseDocument(sldBody);
    return layers.get(0).style();
  }

  /** Every NamedLayer of a client's SLD, NamedStyles resolved here; throws {@link SldException}. */
  public List<StyledLayer> parseDocument(String sldBody) {
    if (sldBody.length() > MAX_REQUEST_SLD) {
      throw new SldException(List.of("SLD: larger than " + MAX_REQUEST_SLD + " characters"));
    }
    List<StyledLayer> read = SldReader.read(sldBody, "SLD");
    List<StyledLayer> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (StyledLayer l : read) {
      if (l.style() != null) {
        out.add(l);
      } else if (styles.containsKey(l.namedStyle())) {
        out.add(new StyledLayer(l.layerName(), styles.get(l.namedStyle()), null));
      } else {
        problems.add("SLD: NamedStyle '" + l.namedStyle() + "' is not a style of this server (" + String.join(", ",
            names()) + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new SldException(problems);
    }
    return out;
  }
}
