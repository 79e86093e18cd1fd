package pl.kmzb.features;

import java.util.Optional;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;

/**
 * What a reference collection holds: administrative areas of a level with their public report
 * counts ({@code AREA_COUNTS}), police units ({@code POLICE_UNITS}, no level) or the boundaries of a
 * level ({@code BOUNDARIES}), an indicator by area ({@code INDICATOR}) or the ranked road segments
 * ({@code ROAD_SEGMENTS}, lines), the significant Gi* cells ({@code HOTSPOTS}, squares) or the
 * candidate sites for a police post ({@code CANDIDATE_SITES}, points, police only). These are small sets held in memory (boundary index, unit list, the
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
      case POLICE_UNITS, ROAD_SEGMENTS, HOTSPOTS, CANDIDATE_SITES -> Optional.of(new ReferenceLayer(l.kind(), null));
      case INDICATOR -> pl.kmzb.indicator.IndicatorLayer.of(l)
          .map(i -> new ReferenceLayer(l.kind(), i.level(), i.indicator()));
      default -> Optional.empty();
    };
  }

  /** Points (police units, candidate sites); else lines (road segments) or areas (MultiSurface). */
  public boolean points() {
    return kind == LayerKind.POLICE_UNITS || kind == LayerKind.CANDIDATE_SITES;
  }
}
