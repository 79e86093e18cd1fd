package pl.kmzb.style;

/**
 * What a rule's filter and a symbolizer's dynamic values read: the properties of one thing being
 * drawn (a cluster, a report, an area, a unit). Implementations are cheap views over the renderer's
 * own records, so evaluating a style allocates no map per feature.
 */
@FunctionalInterface
public interface Feature {
  /** The property's value (a String, a Number or a Boolean), or null when the feature has none. */
  Object property(String name);

  Feature EMPTY = name -> null;
}
