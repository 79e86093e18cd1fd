package pl.kmzb.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The SHA-256 of a store's bundled migration files (names and contents), kept in the database after
 * each successful migration. When the stored value matches the bundled files, the schema is what
 * Flyway would leave it, so the store skips Flyway: its check loads some 400 classes and takes about
 * half a second of every server start and import command. Any difference, or no value at all (a new
 * database, one migrated before the fingerprint existed), runs Flyway with all its checks.
 */
final class MigrationFingerprint {
  private static final String FIRST = "V1__reports.sql";

  private MigrationFingerprint() {}

  /** The fingerprint of the migrations under {@code db/migration/<location>} on the class path. */
  static String of(String location) {
    return of(MigrationFingerprint.class.getClassLoader(), location);
  }

  static String of(ClassLoader loader, String location) {
    Map<String, byte[]> files = files(loader, "db/migration/" + location + "/");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach((name, content) -> {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Integer.toString(content.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(content);
      });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
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

  /** The files in {@code folder}, by name, from the jar or directory that holds its first migration. */
  private static Map<String, byte[]> files(ClassLoader loader, String folder) {
    URL first = loader.getResource(folder + FIRST);
    if (first == null) {
      throw new IllegalStateException("no migrations on the class path at " + folder);
    }
    Map<String, byte[]> files = new TreeMap<>();
    try {
      if (first.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) first.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          List<JarEntry> entries = jar.stream()
              .filter(e -> !e.isDirectory() && e.getName().startsWith(folder) && e.getName().indexOf('/', folder.length()) < 0)
              .toList();
          for (JarEntry entry : entries) {
            try (InputStream in = jar.getInputStream(entry)) {
              files.put(entry.getName().substring(folder.length()), in.readAllBytes());
            }
          }
        }
      } else {
        List<Path> paths;
        try (Stream<Path> list = Files.list(Path.of(first.toURI()).getParent())) {
          paths = list.filter(Files::isRegularFile).toList();
        }
        for (Path p : paths) {
          files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the migrations at " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read the migrations at " + first, e);
    }
    return files;
  }
}
