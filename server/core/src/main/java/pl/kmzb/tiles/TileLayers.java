package pl.kmzb.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tilesets this server offers; plugins add theirs at start. */
public final class TileLayers {
  private final Map<String, TileLayer> layers = new ConcurrentHashMap<>();
  private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

  public void add(TileLayer layer) {
    if (!layer.id().matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("tileset id '" + layer.id() + "' must be lower-case letters, digits and '-'");
    }
    if (layers.putIfAbsent(layer.id(), layer) != null) {
      throw new IllegalStateException("tileset '" + layer.id() + "' is registered twice");
    }
    order.add(layer.id());
  }

  /** Registers {@code layer}, replacing the one with its id if there is one (a reload of reference data). */
  public void put(TileLayer layer) {
    if (layers.containsKey(layer.id())) {
      layers.put(layer.id(), layer);
    } else {
      add(layer);
    }
  }

  /** Withdraws a tileset (its data was emptied); unknown ids are ignored. */
  public void remove(String id) {
    if (layers.remove(id) != null) {
      order.remove(id);
    }
  }

  public Optional<TileLayer> find(String id) {
    return Optional.ofNullable(layers.get(id));
  }

  /** In the order they were added. */
  public List<TileLayer> all() {
    List<TileLayer> out = new ArrayList<>();
    for (String id : order) {
      TileLayer l = layers.get(id);
      if (l != null) {
        out.add(l);
      }
    }
    return out;
  }
}
