package pl.kmzb.features;

import java.util.Optional;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;

/**
 * What a reference collection holds: administrative areas of a level with their public report
 * counts ({@code AREA_COUNTS}), police units ({@code POLICE_UNITS}, no level) or the boundaries of a
 * level ({@code BOUNDARIES}). These are small sets held in memory (boundary index, unit list, the
 * cluster index's counts), filtered and paged in memory.
 */
public record ReferenceLayer(LayerKind kind, BoundaryLevel level, String indicator) {
  public ReferenceLayer(LayerKind kind, BoundaryLevel level) {
    this(kind, level, null);
  }

  /** The reference content of a published layer, or empty for layers of other kinds. */
  public static Optional<ReferenceLayer> of(PublishedLayer l) {
    return switch (l.kind()) {
      case AREA_COUNTS, BOUNDARIES -> Optional.of(new ReferenceLayer(l.kind(), BoundaryLevel.ofKey(l.parameter())));
      case POLICE_UNITS -> Optional.of(new ReferenceLayer(l.kind(), null));
      case INDICATOR -> pl.kmzb.indicator.IndicatorLayer.of(l)
          .map(i -> new ReferenceLayer(l.kind(), i.level(), i.indicator()));
      default -> Optional.empty();
    };
  }

  /** Points (police units) or areas (MultiSurface). */
  public boolean points() {
    return kind == LayerKind.POLICE_UNITS;
  }
}
