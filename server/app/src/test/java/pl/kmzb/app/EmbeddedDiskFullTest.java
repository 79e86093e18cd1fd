package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;

/**
 * The embedded store on a real full filesystem: a tmpfs of 8 MB mounted for the test (root only),
 * filled by a file until little is left. Ingest goes on until SQLite reports SQLITE_FULL; every
 * refused write is a 507 problem naming the full store, the server stays up and reads keep working,
 * writes work again once space is freed, and the file passes {@code PRAGMA integrity_check} with
 * every acknowledged report in it.
 */
class EmbeddedDiskFullTest {
  static final String KRAKOW = "{\"category\":\"illegal_parking\",\"lon\":19.9383,\"lat\":50.0614}";

  @TempDir
  Path dir;

  @Test
  void aFullDiskRefusesWritesWith507AndCorruptsNothing() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a small tmpfs needs root; run the test command as root to cover a full disk");
    Path mount = Files.createDirectory(dir.resolve("small"));
    run("mount", "-t", "tmpfs", "-o", "size=8m", "kmzb-disk-full-test", mount.toString());
    try {
      ingestUntilFull(mount);
    } finally {
      run("umount", "-l", mount.toString());
    }
  }

  void ingestUntilFull(Path mount) throws Exception {
    Path file = mount.resolve("kmzb.sqlite");
    List<Long> acknowledged = new ArrayList<>();
    try (Application app = Application.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + file, "--access-log=off", "--citizen.reports-per-window=1000000",
        "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD), Map.of()))) {
      ApplicationTest.awaitReady(app);
      String bearer = "Bearer " + ReadOnlyStandbyTest.login(app); // a login writes a token: before the disk fills
      Path filler = mount.resolve("filler");
      fill(filler, Files.getFileStore(mount).getUsableSpace() - 256 * 1024);

      int refused = 0;
      for (int i = 0; i < 20_000 && refused < 5; i++) {
        HttpResponse<String> r = ReadOnlyStandbyTest.send(app, "POST", "/api/reports", "application/json", KRAKOW, null);
        if (r.statusCode() == 201) {
          assertEquals(0, refused, "a write was accepted after the store had refused one, with no space freed");
          acknowledged.add(ApplicationTest.JSON.readTree(r.body()).get("id").asLong());
          continue;
        }
        assertEquals(507, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.body().contains("data store is full") && r.body().contains("nothing was stored"), r.body());
        refused++;
      }
      assertEquals(5, refused, "the store never filled up");
      assertTrue(acknowledged.size() > 0, "nothing was stored before the disk filled");

      // Up and reading: /health, tiles, the API and OGC API Features.
      assertEquals(200, ApplicationTest.get(app, "/health").statusCode());
      assertEquals(200, ReadOnlyStandbyTest.tileResponse(app, "/tiles/threats/0/0/0.mvt", null).statusCode());
      assertEquals(200, ApplicationTest.get(app, "/ogc/features/collections/threats.points/items?limit=5").statusCode());
      long last = acknowledged.get(acknowledged.size() - 1);
      assertEquals(200, ReadOnlyStandbyTest.send(app, "GET", "/api/reports/" + last, null, null, bearer).statusCode());

      Files.delete(filler);
      HttpResponse<String> again = ReadOnlyStandbyTest.send(app, "POST", "/api/reports", "application/json", KRAKOW,
          null);
      assertEquals(201, again.statusCode(), "a write after space was freed: " + again.body());
      acknowledged.add(ApplicationTest.JSON.readTree(again.body()).get("id").asLong());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertEquals("ok", rs.getString(1));
      }
      List<Long> missing = new ArrayList<>();
      for (long id : acknowledged) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM report WHERE id = " + id)) {
          rs.next();
          if (rs.getInt(1) != 1) {
            missing.add(id);
          }
        }
      }
      assertEquals(List.of(), missing, "acknowledged reports missing after the disk filled");
    }
  }

  /** Writes zeros into {@code file} until it holds {@code bytes} (or the disk is full). */
  static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
  }
}
