package pl.kmzb.statistics.indicator;

import java.util.List;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.ClassBreaks;
import pl.kmzb.indicator.ClassMethod;
import pl.kmzb.indicator.Indicator;
import pl.kmzb.indicator.IndicatorClasses;
import pl.kmzb.indicator.IndicatorRow;

/**
 * The answer for one indicator, level and period: its rows, the class breaks over the classified
 * number (the rate when one was asked for, else the value), each row's class (null for an area
 * without a rate), and the areas left without a rate because their year has no population.
 */
record IndicatorAnswer(Indicator indicator, BoundaryLevel level, String period, int per, ClassMethod method,
    int classesRequested, IndicatorClasses classes, List<IndicatorRow> rows, long version) {

  /** "rate" when rates were asked for, else "value". */
  String classifiedBy() {
    return classes.byRate() ? "rate" : "value";
  }

  ClassBreaks breaks() {
    return classes.breaks();
  }

  List<Integer> classOfRow() {
    return classes.classOfRow();
  }

  List<String> withoutPopulation() {
    return classes.withoutPopulation();
  }

  int[] classCounts() {
    return classes.counts();
  }

  static IndicatorAnswer of(IndicatorQuery q, String period, List<IndicatorRow> rows, long version) {
    return new IndicatorAnswer(q.indicator(), q.level(), period, q.per(), q.method(), q.classes(),
        IndicatorClasses.of(q.indicator(), rows, q.per(), q.method(), q.classes()), rows, version);
  }
}
