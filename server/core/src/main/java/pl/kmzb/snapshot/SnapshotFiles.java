package pl.kmzb.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import pl.kmzb.config.ServerConfig;

/**
 * Where snapshot files live and how one replaces the last: written to a temporary file of this
 * process (two servers of one database sharing the folder never write into each other's file),
 * readable by its owner only (the contents hold what the public must not see), synced, then
 * renamed over the last one, so a crash leaves the old snapshot or the new one, never half of one.
 */
public final class SnapshotFiles {
  private SnapshotFiles() {}

  /**
   * The file named {@code prefix-<store>.snapshot} in the folder {@code index.snapshot-dir} names,
   * or empty when snapshots are off; named after the store, so servers of different databases
   * sharing a folder keep their own.
   */
  public static Optional<Path> of(ServerConfig config, String prefix) {
    String where = config.store().equals("postgis") ? config.postgisUrl()
        : config.embeddedFile().toAbsolutePath().normalize().toString();
    return config.indexSnapshot().folder(config)
        .map(dir -> dir.resolve(prefix + "-" + SnapshotStamp.sha256(where).substring(0, 12) + ".snapshot"));
  }

  /** This process's temporary file for {@code file}. */
  public static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
  }

  /** Opens {@code tmp} anew for writing, readable by the owner only where the file system knows owners. */
  public static FileChannel create(Path tmp) throws IOException {
    Files.createDirectories(tmp.toAbsolutePath().getParent());
    Files.deleteIfExists(tmp);
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return tmp.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? FileChannel.open(tmp, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(tmp, options);
  }

  /** Syncs {@code tmp} and renames it over {@code file}. */
  public static void commit(Path tmp, Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes a temporary file a failed write left. */
  public static void discard(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // the next write truncates it
    }
  }
}
