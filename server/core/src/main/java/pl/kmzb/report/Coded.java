package pl.kmzb.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum value with a stable lower-case code used by APIs, filters and the database. */
public interface Coded {
  String code();

  /** The value with this code; the error lists the valid codes so API errors can quote them. */
  static <E extends Enum<E> & Coded> E parse(E[] values, String code, String what) {
    for (E v : values) {
      if (v.code().equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + code + "'; expected one of "
        + Arrays.stream(values).map(Coded::code).collect(Collectors.joining(", ")));
  }
}
