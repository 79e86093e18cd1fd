package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pl.kmzb.testing.TestPostgis;

/**
 * Flyway is skipped exactly when the database was last migrated by the bundled migration files, on
 * both stores; the fingerprint reads the same files from a jar as from a directory.
 */
class MigrationFingerprintTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgis"})
  void aMigratedDatabaseSkipsFlywayUntilItsFingerprintDiffers(String location) throws Exception {
    try (HikariDataSource pool = pool(location)) {
      assertTrue(JdbcReportStore.migrate(pool, location, "test"), "a new database is migrated");
      assertEquals(List.of(MigrationFingerprint.of(location)), query(pool, "SELECT fingerprint FROM schema_fingerprint"));
      assertFalse(JdbcReportStore.migrate(pool, location, "test"), "the same files again: Flyway is skipped");

      update(pool, "UPDATE schema_fingerprint SET fingerprint = 'from another release'");
      assertTrue(JdbcReportStore.migrate(pool, location, "test"), "other files: Flyway checks");
      assertEquals(List.of(MigrationFingerprint.of(location)), query(pool, "SELECT fingerprint FROM schema_fingerprint"));
      assertFalse(JdbcReportStore.migrate(pool, location, "test"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgis"})
  void aDatabaseMigratedBeforeFingerprintsExistedIsMigratedByFlyway(String location) throws Exception {
    try (HikariDataSource pool = pool(location)) {
      // What a release before V10 left behind: migrated up to V9, no fingerprint table. (Migrating
      // to V9 rather than removing V10 afterwards keeps this true when later migrations are added.)
      org.flywaydb.core.Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + location)
          .target(location.equals("sqlite") ? "7" : "9").load().migrate(); // the last before V10 of each store

      assertTrue(JdbcReportStore.migrate(pool, location, "test"));
      assertEquals(List.of("10"), query(pool, "SELECT version FROM flyway_schema_history WHERE version = '10' AND success"));
      assertFalse(JdbcReportStore.migrate(pool, location, "test"));
    }
  }

  @Test
  void theFingerprintCoversEveryFileAndReadsJarsAsDirectories() throws Exception {
    Map<String, String> files = new TreeMap<>(Map.of(
        "V1__reports.sql", "CREATE TABLE a (x int);", "V2__more.sql", "CREATE TABLE b (y int);"));
    String fromDirectory = fingerprint(directory("d1", files));
    assertEquals(fromDirectory, fingerprint(jar("j1.jar", files)));

    files.put("V2__more.sql", "CREATE TABLE b (y txt);"); // same length: the content itself counts
    String edited = fingerprint(directory("d2", files));
    assertNotEquals(fromDirectory, edited);
    assertEquals(edited, fingerprint(jar("j2.jar", files)));

    files.put("V3__added.sql", "");
    assertNotEquals(edited, fingerprint(directory("d3", files)));
    assertNotEquals(MigrationFingerprint.of("postgis"), MigrationFingerprint.of("sqlite"));
    assertThrows(IllegalStateException.class, () -> MigrationFingerprint.of("none"));
  }

  private HikariDataSource pool(String location) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("store.db") : TestPostgis.createDatabase());
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  private static String fingerprint(URL root) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, null)) {
      return MigrationFingerprint.of(loader, "test");
    }
  }

  private URL directory(String name, Map<String, String> files) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name).resolve("db/migration/test"));
    for (var file : files.entrySet()) {
      Files.writeString(folder.resolve(file.getKey()), file.getValue());
    }
    return dir.resolve(name).toUri().toURL();
  }

  private URL jar(String name, Map<String, String> files) throws IOException {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("db/migration/test/"));
      for (var file : files.entrySet()) {
        out.putNextEntry(new JarEntry("db/migration/test/" + file.getKey()));
        out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
      }
      out.putNextEntry(new JarEntry("db/migration/test/nested/V9__elsewhere.sql"));
      out.write("ignored".getBytes(StandardCharsets.UTF_8));
    }
    return jar.toUri().toURL();
  }

  private static List<String> query(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }

  private static void update(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
