package pl.kmzb.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts anything GDAL reads (shapefile, GeoPackage, GML, …) to RFC 7946 GeoJSON in EPSG:4326 by
 * running GDAL's {@code ogr2ogr}. GDAL already knows every format, encoding and datum grid the
 * sources use, so we shell out rather than re-implement shapefile and GeoPackage readers in Java.
 */
final class Ogr2ogr {
  private static final Logger LOG = LoggerFactory.getLogger(Ogr2ogr.class);
  private static final int MAX_OUTPUT = 4_000;

  private final String command;

  Ogr2ogr(String command) {
    this.command = command;
  }

  /** Writes {@code input} (or its {@code layer}, when not null) to {@code output} as GeoJSON. */
  void toGeoJson(Path input, String layer, Path output) {
    List<String> args = new ArrayList<>(List.of(command, "-f", "GeoJSON", "-t_srs", "EPSG:4326",
        "-lco", "RFC7946=YES", output.toString(), input.toString()));
    if (layer != null) {
      args.add(layer);
    }
    Process process;
    try {
      // stderr joins stdout so one reader drains both and the process can never block on a full pipe.
      process = new ProcessBuilder(args).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new BoundaryFileException("cannot read " + input + ": '" + command
          + "' was not found on the PATH; install gdal-bin to import shapefiles, GeoPackage or GML"
          + " (" + e.getMessage() + ")", e);
    }
    String messages;
    int exit;
    try (InputStream out = process.getInputStream()) {
      messages = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
      exit = process.waitFor();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new BoundaryFileException("cannot read the output of ogr2ogr for " + input, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BoundaryFileException("interrupted while ogr2ogr converted " + input, e);
    }
    if (exit != 0) {
      throw new BoundaryFileException("ogr2ogr could not convert " + input
          + (layer == null ? "" : " layer '" + layer + "'") + " (exit code " + exit + "): "
          + tail(messages));
    }
    if (!messages.isEmpty()) {
      LOG.warn("ogr2ogr on {}: {}", input, tail(messages));
    }
  }

  private static String tail(String messages) {
    if (messages.isEmpty()) {
      return "no message";
    }
    return messages.length() <= MAX_OUTPUT ? messages
        : "…" + messages.substring(messages.length() - MAX_OUTPUT);
  }
}
