package pl.kmzb.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.indicator.ClassBreaks;
import pl.kmzb.indicator.IndicatorClasses;
import pl.kmzb.indicator.IndicatorMap;
import pl.kmzb.layer.Text;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;

/**
 * The legend style of an indicator map: the style's rule of each class's palette step, titled with
 * the class's bounds ("2.5 – 4.63"), in class order, then "no data". So GetLegendGraphic shows the
 * classes the map draws, not the palette's fixed steps.
 */
public final class IndicatorLegend {
  private IndicatorLegend() {}

  public static Style style(Style style, IndicatorMap map) {
    ClassBreaks breaks = map.classes().breaks();
    List<Rule> rules = new ArrayList<>();
    for (int c = 0; c < breaks.classes(); c++) {
      String name = "shade-" + IndicatorClasses.shade(c, breaks.classes());
      double lower = breaks.breaks().get(c);
      double upper = breaks.breaks().get(c + 1);
      int cls = c;
      style.rule(name).ifPresent(r -> rules.add(new Rule(r.name(), label(cls, lower, upper), r.filter(),
          r.elseFilter(), r.minScale(), r.maxScale(), r.symbolizers())));
    }
    style.rules().stream().filter(Rule::elseFilter).forEach(rules::add);
    return new Style(style.name(), style.title(), List.of(new Style.FeatureTypeStyle(rules)), style.source());
  }

  private static Text label(int c, double lower, double upper) {
    String en = (c == 0 ? "" : "> ") + number(lower) + " – " + number(upper);
    return new Text(en.replace('.', ','), en);
  }

  /** At most two decimals, none when whole. */
  static String number(double d) {
    return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
