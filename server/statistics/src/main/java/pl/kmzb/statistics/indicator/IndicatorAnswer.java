package pl.kmzb.statistics.indicator;

import java.util.ArrayList;
import java.util.List;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.ClassBreaks;
import pl.kmzb.indicator.ClassMethod;
import pl.kmzb.indicator.Indicator;
import pl.kmzb.indicator.IndicatorRow;

/**
 * The answer for one indicator, level and period: its rows, the class breaks over the classified
 * number (the rate when one was asked for, else the value), each row's class (null for an area
 * without a rate), and the areas left without a rate because their year has no population.
 */
record IndicatorAnswer(Indicator indicator, BoundaryLevel level, String period, int per, ClassMethod method,
    int classesRequested, ClassBreaks breaks, List<IndicatorRow> rows, List<Integer> classOfRow,
    List<String> withoutPopulation, long version) {

  /** "rate" when rates were asked for, else "value". */
  String classifiedBy() {
    return byRate(per, indicator) ? "rate" : "value";
  }

  static boolean byRate(int per, Indicator indicator) {
    return per > 1 && indicator.rate();
  }

  static IndicatorAnswer of(IndicatorQuery q, String period, List<IndicatorRow> rows, long version) {
    boolean byRate = byRate(q.per(), q.indicator());
    List<Double> numbers = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (IndicatorRow r : rows) {
      Double x = byRate ? r.rate() : Double.valueOf(r.value());
      if (x != null) {
        numbers.add(x);
      } else {
        without.add(r.code());
      }
    }
    ClassBreaks breaks = ClassBreaks.of(q.method(), numbers.stream().mapToDouble(Double::doubleValue).toArray(),
        q.classes());
    List<Integer> classes = new ArrayList<>(rows.size());
    for (IndicatorRow r : rows) {
      Double x = byRate ? r.rate() : Double.valueOf(r.value());
      classes.add(x == null ? null : breaks.classOf(x));
    }
    return new IndicatorAnswer(q.indicator(), q.level(), period, q.per(), q.method(), q.classes(), breaks, rows,
        classes, without, version);
  }

  /** How many rows fall in each class. */
  int[] classCounts() {
    int[] counts = new int[breaks.classes()];
    for (Integer c : classOfRow) {
      if (c != null) {
        counts[c]++;
      }
    }
    return counts;
  }
}
