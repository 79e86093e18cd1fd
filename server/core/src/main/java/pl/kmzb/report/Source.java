package pl.kmzb.report;

import java.util.Arrays;

/**
 * The plane of information a report came from. Always taken from who is calling (an anonymous
 * citizen, an authenticated officer, an import run), never from the payload.
 */
public enum Source {
  CITIZEN("citizen"),
  OFFICER("officer"),
  POLICE_SYSTEM("police_system");

  private final String code;

  Source(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Source ofCode(String code) {
    for (Source s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown source '" + code + "'; expected one of "
        + String.join(", ", Arrays.stream(values()).map(Source::code).toList()));
  }
}
