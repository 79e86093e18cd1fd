package pl.kmzb.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.server.Application;
import pl.kmzb.testing.PolishWaters;

/**
 * "Inside Poland" on the report API: Natural Earth's land outline before any boundaries are
 * imported, the union of the imported voivodeships (which take in internal sea waters) after, in a
 * running server that picks the import up on its own.
 */
abstract class PolishWatersApiContract {
  static final String ADMIN_PASSWORD = "admin-password-for-tests";

  @TempDir
  Path dir;
  Application app;
  ApiClient api;
  String admin;

  abstract List<String> storeArgs();

  @BeforeEach
  void start() throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD, "--reference.poll-interval=PT0.1S"));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    api = new ApiClient(app.port());
    admin = api.login("admin", ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  /** Posted by the administrator (an officer's report), so the citizen limit plays no part. */
  ApiClient.Response post(LonLat p) {
    return api.postJson("/api/reports", "{\"category\":\"illegal_parking\",\"lon\":" + p.lon() + ",\"lat\":" + p.lat()
        + "}", "Authorization", admin);
  }

  @Test
  void internalSeaWatersAreInPolandOnceVoivodeshipsAreImported() throws Exception {
    for (LonLat water : List.of(PolishWaters.SZCZECIN_LAGOON, PolishWaters.GDANSK_BAY)) {
      ApiClient.Response r = post(water);
      assertEquals(400, r.status(), "before any import Natural Earth's land decides: " + r);
      assertEquals(List.of("location"), r.errorFields());
    }
    assertEquals(201, post(PolishWaters.KRAKOW).status());

    BoundaryImporter.run(app.store(), PolishWaters.voivodeships());
    ApiClient.Response lagoon = post(PolishWaters.SZCZECIN_LAGOON);
    for (long deadline = System.currentTimeMillis() + 10_000; lagoon.status() != 201
        && System.currentTimeMillis() < deadline; lagoon = post(PolishWaters.SZCZECIN_LAGOON)) {
      Thread.sleep(50);
    }
    assertEquals(201, lagoon.status(), "the running server follows the import: " + lagoon);
    Report stored = app.store().find(lagoon.json().path("id").asLong()).orElseThrow();
    assertEquals("32", stored.teryt().voivodeship());
    ApiClient.Response bay = post(PolishWaters.GDANSK_BAY);
    assertEquals(201, bay.status(), bay.toString());
    assertEquals("22", app.store().find(bay.json().path("id").asLong()).orElseThrow().teryt().voivodeship());

    ApiClient.Response outside = post(PolishWaters.KRAKOW);
    assertEquals(400, outside.status(), "with voivodeships loaded, Poland is their union: " + outside);
    assertTrue(outside.json().path("errors").get(0).path("message").asText().contains("not in Poland"), outside.toString());
  }
}
