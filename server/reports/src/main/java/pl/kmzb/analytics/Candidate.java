package pl.kmzb.analytics;

import java.util.Objects;
import pl.kmzb.geo.LonLat;

/** A place a new police post could open: a name, where it is, and the same in EPSG:2180 metres. */
public record Candidate(String id, LonLat location, double x, double y) {
  public Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(location, "location");
  }
}
