package pl.kmzb.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how often the cluster index's snapshot is written ({@code index.snapshot-*}). One
 * record so {@link ServerConfig} gains one field.
 *
 * @param dir the folder named by the setting, or null for the default next to the data file
 * @param off whether snapshots are switched off
 */
public record IndexSnapshotSettings(Path dir, boolean off, Duration interval) {
  static IndexSnapshotSettings of(Map<Setting, String> v) {
    String dir = v.get(Setting.INDEX_SNAPSHOT_DIR).strip();
    return new IndexSnapshotSettings(dir.isEmpty() || dir.equals("off") ? null : Path.of(dir), dir.equals("off"),
        Duration.parse(v.get(Setting.INDEX_SNAPSHOT_INTERVAL).strip()));
  }

  /**
   * The folder snapshots go to, or empty when they are off: the named one, else the embedded
   * store's data folder, else (PostGIS) {@code data} under the working directory.
   */
  public Optional<Path> folder(ServerConfig config) {
    if (off) {
      return Optional.empty();
    }
    if (dir != null) {
      return Optional.of(dir);
    }
    Path parent = config.store().equals("embedded") ? config.embeddedFile().toAbsolutePath().getParent() : null;
    return Optional.of(parent != null ? parent : Path.of("data"));
  }
}
