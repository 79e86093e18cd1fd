package pl.kmzb.report;


/**
 * The plane of information a report came from. Always taken from who is calling (an anonymous
 * citizen, an authenticated officer, an import run), never from the payload.
 */
public enum Source implements Coded {
  CITIZEN("citizen"),
  OFFICER("officer"),
  POLICE_SYSTEM("police_system");

  private final String code;

  Source(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static Source ofCode(String code) {
    return Coded.parse(values(), code, "source");
  }
}
