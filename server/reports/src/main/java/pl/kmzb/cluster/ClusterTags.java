package pl.kmzb.cluster;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.MvtLayerWriter;

/**
 * The MVT encoding every clustered threats tileset shares (public {@code threats} and
 * {@code police-threats}): a cluster's count, expansion zoom and non-zero counts per category and
 * status; a single report's id, category, status and date. Tilesets add their own tags to a
 * feature before it is added.
 */
final class ClusterTags {
  private final List<String> categories;
  private final String[] categoryKeys;
  private final Status[] statuses = Status.values();

  ClusterTags(List<String> categories) {
    this.categories = List.copyOf(categories);
    this.categoryKeys = categories.stream().map(c -> "cat_" + c).toArray(String[]::new);
  }

  /** The fields of the shared tags, for TileJSON: counts for each of {@code statusesShown}. */
  Map<String, String> fields(Collection<Status> statusesShown) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("cluster", "true for a cluster of several reports (absent for a single report)");
    fields.put("count", "Number of reports in the cluster");
    fields.put("expansion_zoom", "Zoom at which the cluster splits (capped at the deepest zoom: a stack at one spot never splits)");
    for (int i = 0; i < categoryKeys.length; i++) {
      fields.put(categoryKeys[i], "Reports of category " + categories.get(i) + " in the cluster (absent when 0)");
    }
    for (Status s : statusesShown.stream().sorted().toList()) {
      fields.put("st_" + s.code(), "Reports in status " + s.code() + " in the cluster (absent when 0)");
    }
    fields.put("id", "Report id (single report)");
    fields.put("category", "Category code (single report)");
    fields.put("status", "Status code (single report)");
    fields.put("reported", "Date reported, Europe/Warsaw (single report)");
    return fields;
  }

  /** A feature of {@code out} with the shared tags of {@code f}; the caller adds its own tags and then {@code add()}s it. */
  MvtLayerWriter.Feature feature(MvtLayerWriter out, ClusterFeature f) {
    MvtLayerWriter.Feature feature = out.point(f.id(), f.x(), f.y());
    if (f.isCluster()) {
      feature.tag("cluster", true).tag("count", f.count()).tag("expansion_zoom", f.expansionZoom());
      for (int i = 0; i < f.categories().length; i++) {
        if (f.categories()[i] > 0) {
          feature.tag(categoryKeys[i], f.categories()[i]);
        }
      }
      for (int i = 0; i < f.statuses().length; i++) {
        if (f.statuses()[i] > 0) {
          feature.tag("st_" + statuses[i].code(), f.statuses()[i]);
        }
      }
    } else {
      feature.tag("id", f.id()).tag("category", categories.get(f.category()))
          .tag("status", statuses[f.status()].code()).tag("reported", date(f.time()).toString());
    }
    return feature;
  }

  private static LocalDate date(long nanos) {
    Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    return LocalDate.ofInstant(t, FilterParser.WARSAW);
  }
}
