package pl.kmzb.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the plugins on the class path, in start order (see {@link ServerPlugin#order()}). */
public final class Plugins {
  private Plugins() {}

  public static List<ServerPlugin> discover() {
    List<ServerPlugin> out = new ArrayList<>();
    ServiceLoader.load(ServerPlugin.class).forEach(out::add);
    out.sort(Comparator.comparingInt(ServerPlugin::order).thenComparing(ServerPlugin::name));
    return out;
  }
}
