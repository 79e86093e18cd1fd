package pl.kmzb.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most dangerous stretches of road: sliding windows of a fixed length along each road with at
 * least {@code min} incidents, ranked by their counts, never overlapping one another.
 *
 * <p>Every window starts at an incident (a window that starts anywhere else can slide forward to its
 * first incident and still hold the same ones) and is half-open, [start, start + length), so two
 * windows that touch count no incident twice. A window never leaves the part of the road it starts on
 * (a road of disjoint parts: see {@link RoadNetwork}); where the part ends sooner the window is shorter.
 * Windows are taken greedily: the fullest first (ties: the road listed first, roads being ordered by number, then
 * the lower chainage), then the fullest that
 * overlaps none already taken, and so on while they hold {@code min} or more. Incidents between two
 * taken windows that would make a qualifying window only by overlapping one of them are not listed
 * again: each incident is in at most one listed segment.
 */
public final class RoadSegments {
  /** One listed segment: road and part indexes into the network, chainages in metres, and its incidents. */
  public record Segment(int road, int part, double from, double to, int incidents) {}

  /** Incident chainages per (road, part), added one at a time by the scan. */
  public static final class Incidents {
    private static final class Chainages {
      double[] values = new double[8];
      int size;
    }

    private final Map<Long, Chainages> chainages = new HashMap<>();
    private long count;

    public void add(int road, int part, double chainage) {
      Chainages c = chainages.computeIfAbsent(key(road, part), k -> new Chainages());
      if (c.size == c.values.length) {
        c.values = Arrays.copyOf(c.values, c.size * 2);
      }
      c.values[c.size++] = chainage;
      count++;
    }

    public long count() {
      return count;
    }

    private static long key(int road, int part) {
      return ((long) road << 32) | part;
    }
  }

  private RoadSegments() {}

  /**
   * The disjoint windows of {@code length} metres with at least {@code min} incidents, fullest first;
   * at most {@code limit}.
   */
  public static List<Segment> rank(RoadNetwork network, Incidents incidents, double length, int min, int limit) {
    List<Segment> candidates = new ArrayList<>();
    incidents.chainages.forEach((key, a) -> {
      int road = (int) (key >>> 32);
      int part = (int) (long) key;
      int n = a.size;
      double[] c = Arrays.copyOf(a.values, n);
      Arrays.sort(c);
      double end = network.partEnd(road, part);
      int j = 0;
      for (int i = 0; i < n; i++) {
        if (i > 0 && c[i] == c[i - 1]) {
          continue; // the same window as the previous start
        }
        j = Math.max(j, i);
        while (j < n && c[j] < c[i] + length) {
          j++;
        }
        if (j - i >= min) {
          candidates.add(new Segment(road, part, c[i], Math.min(c[i] + length, end), j - i));
        }
      }
    });
    candidates.sort(Comparator.comparingInt(Segment::incidents).reversed()
        .thenComparingInt(Segment::road)
        .thenComparingInt(Segment::part).thenComparingDouble(Segment::from));
    Map<Long, TreeMap<Double, Double>> taken = new HashMap<>();
    List<Segment> out = new ArrayList<>();
    for (Segment s : candidates) {
      if (out.size() == limit) {
        break;
      }
      TreeMap<Double, Double> windows = taken.computeIfAbsent(Incidents.key(s.road(), s.part()), k -> new TreeMap<>());
      double from = s.from();
      double to = from + length;
      var before = windows.floorEntry(from);
      var after = windows.ceilingEntry(from);
      if (before != null && before.getValue() > from || after != null && after.getKey() < to) {
        continue;
      }
      windows.put(from, to);
      out.add(s);
    }
    return out;
  }
}
