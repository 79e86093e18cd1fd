package pl.kmzb.store;

import java.util.List;

/**
 * One page of a keyset-paged listing, in ascending id order. {@code nextAfterId} is the id to pass
 * for the next page, or null on the last page.
 */
public record Page<T>(List<T> items, Long nextAfterId) {
  public Page {
    items = List.copyOf(items);
  }
}
