package pl.kmzb.plugin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one plugin offers others, by type: the report plugin registers its cluster index and ingest
 * service so the WMS and feature services draw and write through them rather than building their
 * own. Plugins start in {@link ServerPlugin#order()}, so a provider registers before its users ask.
 */
public final class SharedServices {
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

  /** Registers {@code service} under {@code type}; a second registration of one type is a bug. */
  public <T> void register(Class<T> type, T service) {
    if (services.putIfAbsent(type, type.cast(service)) != null) {
      throw new IllegalStateException(type.getName() + " is already registered");
    }
  }

  /** The service registered under {@code type}, made by {@code make} (once) if none is. */
  public synchronized <T> T computeIfAbsent(Class<T> type, java.util.function.Supplier<T> make) {
    Object service = services.get(type);
    if (service == null) {
      service = type.cast(make.get());
      services.put(type, service);
    }
    return type.cast(service);
  }

  /** The service registered under {@code type}, if one is. */
  public <T> java.util.Optional<T> find(Class<T> type) {
    return java.util.Optional.ofNullable(services.get(type)).map(type::cast);
  }

  /** The service registered under {@code type}. */
  public <T> T require(Class<T> type) {
    Object service = services.get(type);
    if (service == null) {
      throw new IllegalStateException(type.getName() + " is not registered: is its plugin on the class path"
          + " and ordered before this one?");
    }
    return type.cast(service);
  }
}
