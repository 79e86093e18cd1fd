package pl.kmzb.cql2;

import java.util.List;
import pl.kmzb.report.Report;

/** The random reports of {@link Cql2RoundTripTest}, for the FES round trip. */
public final class Cql2RoundTripTestAccess {
  private Cql2RoundTripTestAccess() {}

  public static List<Report> reports() {
    return Cql2RoundTripTest.reports();
  }
}
