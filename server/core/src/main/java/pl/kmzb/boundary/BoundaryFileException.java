package pl.kmzb.boundary;

/**
 * A boundary file that cannot be read at all (missing, not GeoJSON, unknown CRS, ogr2ogr failed or
 * not installed). Problems of single features are not exceptions: they go to
 * {@link BoundaryImport#errors()}.
 */
public final class BoundaryFileException extends RuntimeException {
  public BoundaryFileException(String message) {
    super(message);
  }

  public BoundaryFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
