package pl.kmzb.roads;

/** A road file that cannot be read at all (not GeoJSON, unknown CRS, unreadable); names the file. */
public final class RoadFileException extends RuntimeException {
  public RoadFileException(String message) {
    super(message);
  }

  public RoadFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
