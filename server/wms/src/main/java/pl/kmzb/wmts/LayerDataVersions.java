package pl.kmzb.wmts;

import java.util.Map;
import java.util.function.LongSupplier;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;

/**
 * The version of what a layer's tiles show beyond the reports' per-tile stamps: the choropleths'
 * counts, the analyses' results. Per layer, so that a change of one layer's data re-renders that
 * layer's tiles only; a group's is the sum of its members'.
 *
 * @param byKind the version of each kind that has one (kinds not listed: 0)
 */
record LayerDataVersions(LayerCatalog catalog, Map<LayerKind, LongSupplier> byKind) {

  long of(PublishedLayer layer) {
    if (layer.kind() == LayerKind.GROUP || layer.kind() == LayerKind.CATEGORY_GROUP) {
      long sum = 0;
      for (PublishedLayer member : catalog.children(layer.id())) {
        sum = sum * 31 + of(member);
      }
      return sum;
    }
    LongSupplier v = byKind.get(layer.kind());
    return v == null ? 0 : v.getAsLong();
  }
}
