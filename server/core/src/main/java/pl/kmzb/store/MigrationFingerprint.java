package pl.kmzb.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * The name, size and CRC-32 of each of a store's bundled migration files (Flyway's own checksum is a
 * CRC-32 too), kept in the database after each successful migration. When the stored value matches
 * the bundled files, the schema is what Flyway would leave it, so the store skips Flyway: its check
 * loads some 400 classes and takes about half a second of every server start and import command.
 * Any difference, or no value at all (a new database, one migrated before the fingerprint existed),
 * runs Flyway with all its checks. A jar's directory holds each entry's size and CRC, so at start
 * the check reads no file contents.
 */
final class MigrationFingerprint {
  private static final String FIRST = "V1__reports.sql";

  private MigrationFingerprint() {}

  /** The fingerprint of the migrations under {@code db/migration/<location>} on the class path. */
  static String of(String location) {
    return of(MigrationFingerprint.class.getClassLoader(), location);
  }

  static String of(ClassLoader loader, String location) {
    StringBuilder fingerprint = new StringBuilder();
    files(loader, "db/migration/" + location + "/").forEach((name, sizeAndCrc) ->
        fingerprint.append(name).append(' ').append(sizeAndCrc).append('\n'));
    return fingerprint.toString();
  }

  /** Whether the database holds {@code fingerprint}; false also where it has no fingerprint table yet. */
  static boolean matches(DataSource db, String fingerprint) {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT fingerprint FROM schema_fingerprint")) {
      List<String> stored = new ArrayList<>();
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
      return stored.equals(List.of(fingerprint));
    } catch (SQLException e) {
      return false;
    }
  }

  /** Replaces the stored fingerprint, once Flyway has migrated the database. */
  static void record(DataSource db, String fingerprint) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (Statement delete = c.createStatement();
          PreparedStatement insert = c.prepareStatement("INSERT INTO schema_fingerprint (fingerprint) VALUES (?)")) {
        delete.executeUpdate("DELETE FROM schema_fingerprint");
        insert.setString(1, fingerprint);
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Size and CRC-32 of each file in {@code folder}, by name, from the jar or directory that holds its
   * first migration.
   */
  private static Map<String, String> files(ClassLoader loader, String folder) {
    URL first = loader.getResource(folder + FIRST);
    if (first == null) {
      throw new IllegalStateException("no migrations on the class path at " + folder);
    }
    Map<String, String> files = new TreeMap<>();
    try {
      if (first.getProtocol().equals("jar")) {
        // The class loader's own open jar (cached by the URL connection): not ours to close.
        for (JarEntry entry : Collections.list(((JarURLConnection) first.openConnection()).getJarFile().entries())) {
          String name = entry.getName();
          if (!entry.isDirectory() && name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
            files.put(name.substring(folder.length()), sizeAndCrc(entry.getSize(), entry.getCrc()));
          }
        }
      } else {
        List<Path> paths;
        try (Stream<Path> list = Files.list(Path.of(first.toURI()).getParent())) {
          paths = list.filter(Files::isRegularFile).toList();
        }
        for (Path p : paths) {
          byte[] content = Files.readAllBytes(p);
          CRC32 crc = new CRC32();
          crc.update(content);
          files.put(p.getFileName().toString(), sizeAndCrc(content.length, crc.getValue()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the migrations at " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read the migrations at " + first, e);
    }
    return files;
  }

  private static String sizeAndCrc(long size, long crc) {
    return size + " " + Long.toHexString(crc);
  }
}
