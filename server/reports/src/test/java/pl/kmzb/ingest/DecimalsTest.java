package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  @Test
  void agreesWithParseDoubleBitForBit() {
    SplittableRandom rnd = new SplittableRandom(20161005);
    for (int i = 0; i < 1_000_000; i++) {
      String s = switch (i % 4) {
        case 0 -> String.format(java.util.Locale.ROOT, "%.6f", rnd.nextDouble(-180, 180));
        case 1 -> Double.toString(rnd.nextDouble(-90, 90));
        case 2 -> Long.toString(rnd.nextLong(1L << 54)) + "." + rnd.nextInt(1000);
        default -> (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(100) + "." + "0".repeat(rnd.nextInt(25))
            + rnd.nextInt(1_000_000);
      };
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(Decimals.parse(s)), s);
    }
  }

  @Test
  void oddFormsGoToParseDouble() {
    for (String s : List.of("0", "-0", "+5", "5.", ".5", "-.5", "007.50", "1e3", "1E-3", "0x1p3", "Infinity", "-NaN",
        "1d", "12345678901234567890", "0.1234567890123456789", " 1.5 ", "9007199254740993")) {
      double expected;
      try {
        expected = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        assertThrows(NumberFormatException.class, () -> Decimals.parse(s), s);
        continue;
      }
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Decimals.parse(s)), s);
    }
    for (String s : List.of("", "-", ".", "1.2.3", "1,5", "--1", "abc")) {
      assertThrows(NumberFormatException.class, () -> Decimals.parse(s), s);
    }
  }
}
