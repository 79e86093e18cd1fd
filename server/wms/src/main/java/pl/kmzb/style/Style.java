package pl.kmzb.style;

import java.util.List;
import java.util.Optional;
import pl.kmzb.layer.Text;

/**
 * A named style: SLD's UserStyle. Its feature type styles are drawn in order, each over all
 * features (so a later one paints above an earlier one); {@code source} names the file or request
 * it came from, for messages; {@code title} is null when the style has neither title nor name.
 */
public record Style(String name, Text title, List<FeatureTypeStyle> featureTypeStyles, String source) {
  public Style {
    featureTypeStyles = List.copyOf(featureTypeStyles);
  }

  public record FeatureTypeStyle(List<Rule> rules) {
    public FeatureTypeStyle {
      rules = List.copyOf(rules);
    }
  }

  /** Every rule in drawing order. */
  public List<Rule> rules() {
    return featureTypeStyles.stream().flatMap(f -> f.rules().stream()).toList();
  }

  public Optional<Rule> rule(String ruleName) {
    return rules().stream().filter(r -> ruleName.equals(r.name())).findFirst();
  }

  /** The first raster symbolizer (heat map, choropleth), if the style has one. */
  public Optional<Symbolizer.RasterSymbolizer> colorMap() {
    return rules().stream().flatMap(r -> r.symbolizers().stream())
        .filter(s -> s instanceof Symbolizer.RasterSymbolizer).map(s -> (Symbolizer.RasterSymbolizer) s).findFirst();
  }
}
