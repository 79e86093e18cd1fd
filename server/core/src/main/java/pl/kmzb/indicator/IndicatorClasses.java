package pl.kmzb.indicator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The classes of an indicator's rows: the breaks over the classified number (the rate when a rate
 * was asked for, else the value), each row's class (null for a row without a rate), and the areas
 * left without a rate because their year has no population. One computation for the API, the map and
 * the features, so they always agree.
 */
public record IndicatorClasses(ClassBreaks breaks, List<Integer> classOfRow, List<String> withoutPopulation,
    boolean byRate) {
  /** Steps of the map palette ({@code styles/indicator-classes.sld} has one rule per step). */
  public static final int SHADES = ClassBreaks.MAX_CLASSES;

  public IndicatorClasses {
    classOfRow = Collections.unmodifiableList(new ArrayList<>(classOfRow));
    withoutPopulation = List.copyOf(withoutPopulation);
  }

  public static IndicatorClasses of(Indicator indicator, List<IndicatorRow> rows, int per, ClassMethod method, int k) {
    boolean byRate = per > 1 && indicator.rate();
    List<Double> numbers = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (IndicatorRow r : rows) {
      Double x = classified(r, byRate);
      if (x != null) {
        numbers.add(x);
      } else {
        without.add(r.code());
      }
    }
    ClassBreaks breaks = ClassBreaks.of(method, numbers.stream().mapToDouble(Double::doubleValue).toArray(), k);
    List<Integer> classes = new ArrayList<>(rows.size());
    for (IndicatorRow r : rows) {
      Double x = classified(r, byRate);
      classes.add(x == null ? null : breaks.classOf(x));
    }
    return new IndicatorClasses(breaks, classes, without, byRate);
  }

  private static Double classified(IndicatorRow r, boolean byRate) {
    return byRate ? r.rate() : Double.valueOf(r.value());
  }

  /** How many rows fall in each class. */
  public int[] counts() {
    int[] counts = new int[breaks.classes()];
    for (Integer c : classOfRow) {
      if (c != null) {
        counts[c]++;
      }
    }
    return counts;
  }

  /**
   * The palette step of class {@code c} of {@code classes}: the classes spread over the whole
   * palette (3 classes take steps 0, 4 and 8), so a map of few classes still runs light to dark.
   */
  public static int shade(int c, int classes) {
    return classes <= 1 ? SHADES - 1 : (int) Math.round(c * (SHADES - 1) / (double) (classes - 1));
  }
}
