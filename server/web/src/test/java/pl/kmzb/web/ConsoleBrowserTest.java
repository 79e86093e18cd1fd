package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewAttachment;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.unit.PoliceUnitImporter;
import pl.kmzb.unit.PoliceUnitReader;

/**
 * The officer console in headless Chromium against the whole server: an officer logs in, sees the
 * queue with the report past its deadline first, opens a report, takes it up and confirms it, and
 * the public threats tile and the public WMS map show it red; a stale version shows the conflict and
 * reloads; an administrator creates an officer who then logs in; English on a phone.
 */
class ConsoleBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String COORDINATOR = "koordynator.krakow";
  static final String PASSWORD = "haslo-koordynatora-1261";
  /** Kraków, in county 1261. */
  static final LonLat KRAKOW = new LonLat(19.9383, 50.0614);

  @TempDir
  static Path dir;
  static MapServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    prepare(MapServer.start(dir, 0));
  }

  /** The server the tests use, with the coordinator of county 1261 and the police unit KMP-1261. */
  static void prepare(MapServer started) throws Exception {
    server = started;
    admin = token("admin", MapServer.ADMIN_PASSWORD);
    HttpResponse<String> created = send("POST", "/api/users", admin, null, "{\"username\":\"" + COORDINATOR
        + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"local_coordinator\",\"areas\":[\"1261\"]}");
    assertEquals(201, created.statusCode(), created.body());
    PoliceUnitImporter.run(server.app().store(), PoliceUnitReader.readCsv("code,name,type,lon,lat,areas\n"
        + "KMP-1261,Komenda Miejska Policji w Krakowie,KMP,19.94,50.06,1261\n"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void anOfficerConfirmsAReportFromTheQueueAndThePublicMapShowsItRed() throws Exception {
    LonLat spot = new LonLat(19.9012, 50.0405);
    Report late = insert("illegal_parking", spot, Instant.now().minus(Duration.ofHours(80)),
        "Samochody parkują na chodniku przy szkole", List.of(new NewAttachment("zdjecie-opis.txt", "text/plain",
            "Opis zdjęcia".getBytes(StandardCharsets.UTF_8))));
    Report fresh = insert("speeding", new LonLat(20.01, 50.07), Instant.now(), null, List.of());
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-confirm", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      b.step("log-in-form");
      logIn(b, COORDINATOR, PASSWORD);
      b.waitUntil("the queue", WAIT, "document.querySelectorAll('#list .report-item').length >= 2");
      b.step("queue");
      List<?> ids = (List<?>) b.js("return [...document.querySelectorAll('#list .report-item')].map(a => a.dataset.id);");
      assertEquals(String.valueOf(late.id()), ids.get(0), "the report past its deadline comes first: " + ids);
      assertTrue(ids.contains(String.valueOf(fresh.id())), ids.toString());
      assertEquals(1L, b.js("return document.querySelectorAll('#list .badge').length;"), "one report is past its deadline");
      assertEquals("Po terminie podjęcia (72 h)", b.js("return document.querySelector('#list li.heading').textContent;"));
      assertEquals(Status.values().length + 2L, b.js("return document.querySelectorAll('#legend li').length;"),
          "every status, the deadline ring and clusters in the legend");
      b.waitUntil("the reports on the map", WAIT, "window.kmzbConsoleMap.getAllLayers().some(l => l.getSource()"
          + " && (l.getSource().getFeatures ? l.getSource().getFeatures().length >= 2 : l.getSource().getTileGrid))");

      b.driver().findElement(By.cssSelector("#list .report-item[data-id='" + late.id() + "']")).click();
      b.waitUntil("the report", WAIT, "document.getElementById('detail-status')"
          + " && document.getElementById('detail-history').children.length > 0");
      assertEquals("Samochody parkują na chodniku przy szkole", text(b, "detail-description"));
      assertEquals("Nowe", text(b, "detail-status"));
      assertTrue(text(b, "detail-attachments").contains("zdjecie-opis.txt"), text(b, "detail-attachments"));
      b.step("report");
      b.driver().findElement(By.cssSelector("#detail-attachments button")).click();
      b.waitUntil("the attachment's download", WAIT, "performance.getEntriesByType('resource')"
          + ".some(e => e.name.endsWith('/api/reports/" + late.id() + "/attachments/1'))");

      move(b, "verification", "przydzielono dzielnicowemu");
      b.waitUntil("the new status", WAIT, "document.getElementById('detail-status').textContent === 'Weryfikacja'");
      assertEquals("yellow", publicColour(spot), "a report under verification is yellow on the public map");
      assertEquals("verification", publicTileStatus(late.id(), spot));
      b.step("verification");

      move(b, "confirmed", "potwierdzono na miejscu");
      b.waitUntil("the confirmation", WAIT, "document.getElementById('detail-status').textContent === 'Potwierdzone'");
      assertTrue(text(b, "detail-message").contains("Potwierdzone"), text(b, "detail-message"));
      assertTrue(text(b, "detail-history").contains("potwierdzono na miejscu"), text(b, "detail-history"));
      b.step("confirmed");
      assertEquals(Status.CONFIRMED, server.app().store().find(late.id()).orElseThrow().status());
      assertEquals("confirmed", publicTileStatus(late.id(), spot), "the public threats tile");
      assertEquals("red", publicColour(spot), "the public WMS map draws a confirmed report red");

      b.driver().findElement(By.id("detail-publish")).click();
      b.waitUntil("the publication", WAIT, "document.getElementById('detail-publish').textContent.startsWith('Wycofaj')");
      JsonNode publicView = MapServer.JSON.readTree(send("GET", "/api/reports/" + late.id(), null, null, null).body());
      assertEquals("Samochody parkują na chodniku przy szkole", publicView.path("description").asText());
      b.step("description-published");

      b.driver().findElement(By.id("detail-back")).click();
      b.waitUntil("the queue again", WAIT, "!document.getElementById('reports-view').hidden");
      b.driver().findElement(By.id("logout")).click();
      b.waitUntil("the log-in form after log-out", WAIT, "!document.getElementById('login-view').hidden");
      assertEquals(null, b.js("return sessionStorage.getItem('kmzb.console.session');"));
      b.step("logged-out");

      // The public map page itself, at the report's spot: drawn as a confirmed report, in the
      // colour the catalogue gives "confirmed" (the SLD's red, held to the styles by MapCatalogueTest).
      b.get("/#map=17/" + spot.lat() + "/" + spot.lon());
      b.waitUntil("the confirmed report on the public map", WAIT, "document.body.dataset.ready === 'true'"
          + " && document.querySelector(\"#rendered li[data-id='" + late.id() + "'][data-status='confirmed']\") !== null");
      String colour = String.valueOf(b.js("return window.kmzb.catalogue.statuses"
          + ".find(s => s.code === 'confirmed').colour;"));
      java.awt.Color rgb = java.awt.Color.decode(colour);
      assertTrue(rgb.getRed() > 180 && rgb.getGreen() < 100 && rgb.getBlue() < 100,
          "the public page draws a confirmed report red: " + colour);
      b.step("public-map-red");
    }
  }

  @Test
  void aStaleVersionIsExplainedAndTheReportReloaded() throws Exception {
    Report r = insert("vandalism", new LonLat(19.95, 50.05), Instant.now(), "Zniszczona wiata przystanku", List.of());
    r = server.app().store().changeStatus(r.id(), r.version(), new pl.kmzb.report.StatusChange(
        new pl.kmzb.report.Actor("test", pl.kmzb.report.Role.ADMINISTRATOR, java.util.Set.of()), Status.VERIFICATION, null));
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-conflict", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      logIn(b, COORDINATOR, PASSWORD);
      b.waitUntil("the queue", WAIT, "document.querySelector('#list .report-item')");
      b.get("/console#report/" + r.id());
      b.waitUntil("the report", WAIT, "document.getElementById('detail-status')"
          + " && document.getElementById('detail-status').textContent === 'Weryfikacja'");
      b.step("report-read");
      // Someone else publishes the description meanwhile: the version the page read is stale.
      HttpResponse<String> other = send("PATCH", "/api/reports/" + r.id(), admin, "\"" + r.id() + "-" + r.version() + "\"",
          "{\"descriptionPublic\":true}");
      assertEquals(200, other.statusCode(), other.body());
      b.expectConsoleError("412");
      move(b, "confirmed", "");
      b.waitUntil("the conflict message", WAIT, "document.getElementById('detail-message').textContent.includes('Ktoś inny')");
      b.waitUntil("the reloaded report", WAIT, "document.getElementById('detail-publish').textContent.startsWith('Wycofaj')");
      assertEquals("Weryfikacja", text(b, "detail-status"), "nothing was changed");
      assertEquals(String.valueOf(r.version() + 1), text(b, "detail-version"));
      b.step("conflict-explained");
      move(b, "confirmed", "");
      b.waitUntil("the confirmation after reloading", WAIT,
          "document.getElementById('detail-status').textContent === 'Potwierdzone'");
      b.step("confirmed-after-reload");
    }
  }

  @Test
  void theQueuePagesWithoutRepeatingAReport() throws Exception {
    HttpResponse<String> created = send("POST", "/api/users", admin, null, "{\"username\":\"koordynator.jelenia\","
        + "\"password\":\"" + PASSWORD + "\",\"role\":\"local_coordinator\",\"areas\":[\"0261\"]}");
    assertEquals(201, created.statusCode(), created.body());
    List<Long> late = new java.util.ArrayList<>();
    for (int i = 0; i < 130; i++) {
      boolean old = i % 40 == 5; // 4 reports past the deadline, spread over the id order
      NewReport r = new NewReport("speeding", Status.NEW, new LonLat(15.73 + i * 0.0005, 50.90), old
          ? Instant.now().minus(Duration.ofDays(5)) : Instant.now(), null, null, null, Source.CITIZEN,
          Teryt.ofMunicipality("0261011"), null, null, false);
      long id = server.app().store().insert(r, "test", List.of(), null).id();
      if (old) {
        late.add(id);
      }
    }
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-paging", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      logIn(b, "koordynator.jelenia", PASSWORD);
      b.waitUntil("the first page", WAIT, "document.querySelectorAll('#list .report-item').length >= 100"
          + " && !document.getElementById('more').hidden");
      b.step("first-page");
      for (int click = 0; click < 5 && !(Boolean) b.js("return document.getElementById('more').hidden;"); click++) {
        int before = ((Number) b.js("return document.querySelectorAll('#list .report-item').length;")).intValue();
        b.driver().findElement(By.id("more")).click();
        b.waitUntil("the next page", WAIT, "document.querySelectorAll('#list .report-item').length > " + before
            + " || document.getElementById('more').hidden");
      }
      List<?> ids = (List<?>) b.js("return [...document.querySelectorAll('#list .report-item')].map(a => Number(a.dataset.id));");
      assertEquals(130, ids.size(), "every report once");
      assertEquals(130, new java.util.HashSet<>(ids).size(), "no report twice");
      assertEquals(late, ids.subList(0, 4).stream().map(n -> ((Number) n).longValue()).toList(), "the late ones first");
      b.step("every-page");
    }
  }

  @Test
  void aMoveOutsideTheOfficersAreaIsExplained() throws Exception {
    NewReport elsewhere = new NewReport("vandalism", Status.NEW, new LonLat(21.01, 52.23), Instant.now(), null, null,
        null, Source.CITIZEN, Teryt.ofMunicipality("1465011"), null, null, false);
    Report r = server.app().store().insert(elsewhere, "test", List.of(), null);
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-area", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      logIn(b, COORDINATOR, PASSWORD);
      b.waitUntil("the queue", WAIT, "document.querySelector('#list .report-item')");
      assertEquals(0L, b.js("return document.querySelectorAll(\"#list .report-item[data-id='" + r.id() + "']\").length;"),
          "the queue holds the officer's area only");
      b.get("/console#report/" + r.id());
      b.waitUntil("the report", WAIT, "document.getElementById('detail-status')");
      b.expectConsoleError("403");
      move(b, "verification", "");
      b.waitUntil("the refusal", WAIT, "document.getElementById('detail-message').textContent.startsWith('Brak uprawnień')");
      assertEquals("Nowe", text(b, "detail-status"));
      b.step("outside-the-area");
    }
  }

  @Test
  void aRevokedSessionEndsWithAMessage() throws Exception {
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-revoked", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      logIn(b, COORDINATOR, PASSWORD);
      b.waitUntil("the queue", WAIT, "document.querySelector('#list .report-item')");
      // Any change of the account revokes its tokens (here: the same password set again).
      HttpResponse<String> changed = send("PATCH", "/api/users/" + COORDINATOR, admin, null,
          "{\"password\":\"" + PASSWORD + "\"}");
      assertEquals(200, changed.statusCode(), changed.body());
      b.expectConsoleError("401");
      b.driver().findElement(By.cssSelector("#list .report-item")).click();
      b.waitUntil("the log-in form with the reason", WAIT, "!document.getElementById('login-view').hidden"
          + " && document.getElementById('login-error').textContent.startsWith('Sesja wygasła')");
      assertEquals(null, b.js("return sessionStorage.getItem('kmzb.console.session');"));
      assertTrue((Boolean) b.js("return document.getElementById('reports-view').hidden"
          + " && document.getElementById('detail-view').hidden"
          + " && document.querySelectorAll('#list li, #detail-fields dd, #detail-history li').length === 0;"),
          "no police data left in the page");
      b.step("session-ended");
    }
  }

  @Test
  void tooManyFailedLogInsAreExplainedWithTheWait() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertEquals(401, send("POST", "/api/auth/token", null, null,
          "{\"username\":\"zgadywany\",\"password\":\"zle-haslo-" + i + "\"}").statusCode());
    }
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-throttle", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      b.expectConsoleError("429");
      logIn(b, "zgadywany", "jeszcze-inne-haslo");
      b.waitUntil("the explanation", WAIT, "/^Zbyt wiele nieudanych prób logowania\\. Spróbuj ponownie za [0-9]+ s\\.$/"
          + ".test(document.getElementById('login-error').textContent)");
      b.step("throttled");
    }
  }

  @Test
  void anAdministratorCreatesAnOfficerWhoCanLogIn() throws Exception {
    Report fresh = insert("illegal_dumping", new LonLat(19.97, 50.08), Instant.now(), null, List.of());
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-users", Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      b.expectConsoleError("401");
      logIn(b, "admin", "not-the-password");
      b.waitUntil("the refusal", WAIT, "document.getElementById('login-error').textContent.includes('Nieprawidłowa')");
      b.step("wrong-password");
      logIn(b, "admin", MapServer.ADMIN_PASSWORD);
      b.waitUntil("the users link", WAIT, "!document.getElementById('nav-users').hidden");
      b.driver().findElement(By.id("nav-users")).click();
      b.waitUntil("the users", WAIT, "document.querySelectorAll('#users-table tbody tr').length >= 2");
      b.driver().findElement(By.id("u-name")).sendKeys("dzielnicowy.nowak");
      b.driver().findElement(By.id("u-password")).sendKeys("dzielnicowy-haslo-42");
      new Select(b.driver().findElement(By.id("u-role"))).selectByValue("officer");
      b.driver().findElement(By.id("u-areas")).sendKeys("1465");
      b.driver().findElement(By.id("u-create")).click();
      b.waitUntil("the new user", WAIT, "[...document.querySelectorAll('#users-table tbody th')]"
          + ".some(th => th.textContent === 'dzielnicowy.nowak')");
      assertTrue(text(b, "users-message").contains("dzielnicowy.nowak"), text(b, "users-message"));
      b.step("officer-created");
      JsonNode stored = MapServer.JSON.readTree(send("GET", "/api/users/dzielnicowy.nowak", admin, null, null).body());
      assertEquals("officer", stored.path("role").asText());
      assertEquals("1465", stored.path("areas").get(0).asText(), "Warszawa, until assigned to a unit");

      b.driver().findElement(By.cssSelector("button[data-user='dzielnicowy.nowak']")).click();
      b.waitUntil("the edit form", WAIT, "!document.getElementById('user-edit').hidden");
      b.driver().findElement(By.id("e-disabled")).click();
      b.driver().findElement(By.id("e-save")).click();
      b.waitUntil("the saved account", WAIT, "document.getElementById('users-message').textContent.includes('Zapisano')");
      assertTrue(MapServer.JSON.readTree(send("GET", "/api/users/dzielnicowy.nowak", admin, null, null).body())
          .path("disabled").asBoolean());
      b.driver().findElement(By.id("e-disabled")).click();
      b.driver().findElement(By.id("e-save")).click();
      b.waitUntil("the re-enabled account", WAIT, "[...document.querySelectorAll('#users-table tbody tr')]"
          + ".some(tr => tr.textContent.startsWith('dzielnicowy.nowak') && tr.textContent.includes('aktywne'))");
      new Select(b.driver().findElement(By.id("e-unit"))).selectByValue("KMP-1261");
      b.driver().findElement(By.id("e-assign")).click();
      b.waitUntil("the assignment", WAIT, "document.getElementById('users-message').textContent.includes('KMP-1261')");
      assertEquals("1261", MapServer.JSON.readTree(send("GET", "/api/users/dzielnicowy.nowak", admin, null, null).body())
          .path("areas").get(0).asText(), "the unit's areas");
      b.step("officer-edited-and-assigned");

      b.driver().findElement(By.id("logout")).click();
      b.waitUntil("the log-in form", WAIT, "!document.getElementById('login-view').hidden");
      logIn(b, "dzielnicowy.nowak", "dzielnicowy-haslo-42");
      b.waitUntil("the officer's queue", WAIT, "document.querySelector('#list .report-item[data-id=\"" + fresh.id() + "\"]')");
      assertTrue(text(b, "who").contains("funkcjonariusz"), text(b, "who"));
      assertEquals(Boolean.TRUE, b.js("return getComputedStyle(document.getElementById('nav-users')).display === 'none';"),
          "only administrators see the users link");
      b.step("officer-logged-in");
      b.driver().findElement(By.cssSelector("#list .report-item[data-id='" + fresh.id() + "']")).click();
      b.waitUntil("the report", WAIT, "document.getElementById('detail-status')");
      assertTrue((Boolean) b.js("return document.getElementById('move-form').hidden;"),
          "an officer cannot take up a new report: the workflow offers no move");
      assertEquals("Z tego statusu Twoja rola nie może przenieść zgłoszenia.", text(b, "move-hint"));
      b.step("officer-no-moves");
    }
  }

  @Test
  void theMapShowsAFilteredReportAndOpensItOnAClick() throws Exception {
    Report poaching = insert("poaching", new LonLat(19.84, 50.11), Instant.now(), "Wnyki w lesie", List.of());
    boolean police = policeTilesOffered();
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-map-" + (police ? "police-tiles" : "listed"),
        Browser.Viewport.DESKTOP)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      logIn(b, COORDINATOR, PASSWORD);
      b.waitUntil("the queue", WAIT, "document.querySelector('#list .report-item')");
      new Select(b.driver().findElement(By.id("f-category"))).selectByValue("poaching");
      b.driver().findElement(By.id("f-apply")).click();
      b.waitUntil("the filtered queue", WAIT, "document.querySelectorAll('#list .report-item').length === 1"
          + " && document.querySelector('#list .report-item').dataset.id === '" + poaching.id() + "'");
      String pixel = "window.kmzbConsoleMap.getPixelFromCoordinate(ol.proj.fromLonLat([19.84, 50.11]))";
      b.waitUntil("the report drawn on the map", WAIT, "window.kmzbConsoleMap.getView().getZoom() > 10"
          + " && window.kmzbConsoleMap.getFeaturesAtPixel(" + pixel + ", {hitTolerance: 2})"
          + ".some(f => String(f.get('id')) === '" + poaching.id() + "')");
      assertEquals(police, b.requests().stream().anyMatch(u -> u.contains("/tiles/police-threats/")
          && u.contains("category=poaching") && u.contains("mine=true")),
          "police tiles (with the filters) exactly when the server offers them: " + b.requests());
      b.step(police ? "police-tiles" : "listed-reports");
      List<?> xy = (List<?>) b.js("return " + pixel + ";");
      var mapElement = b.driver().findElement(By.id("map"));
      int dx = (int) Math.round(((Number) xy.get(0)).doubleValue() - mapElement.getSize().getWidth() / 2.0);
      int dy = (int) Math.round(((Number) xy.get(1)).doubleValue() - mapElement.getSize().getHeight() / 2.0);
      new org.openqa.selenium.interactions.Actions(b.driver()).moveToElement(mapElement, dx, dy).click().perform();
      b.waitUntil("the report opened from the map", WAIT, "location.hash === '#report/" + poaching.id() + "'"
          + " && document.getElementById('detail-description') && document.getElementById('detail-description')"
          + ".textContent === 'Wnyki w lesie'");
      b.step("opened-from-the-map");

      // The whole group (the API takes the list of its categories), and only the map's view.
      b.driver().findElement(By.id("detail-back")).click();
      b.waitUntil("the queue", WAIT, "!document.getElementById('reports-view').hidden");
      String group = (String) b.js("return [...document.querySelectorAll('#f-category option')]"
          + ".find(o => o.value.split(',').includes('poaching') && o.value.includes(',')).value;");
      new Select(b.driver().findElement(By.id("f-category"))).selectByValue(group);
      b.driver().findElement(By.id("f-view")).click();
      b.driver().findElement(By.id("f-apply")).click();
      b.waitUntil("the group in the map's view", WAIT, "performance.getEntriesByType('resource').some(e =>"
          + " e.name.includes('/api/reports?') && e.name.includes('bbox=') && e.name.includes('poaching%2C'))");
      b.waitUntil("the queue of the view", WAIT, "document.querySelectorAll('#list .report-item').length === 1");
      assertEquals(String.valueOf(poaching.id()), b.js("return document.querySelector('#list .report-item').dataset.id;"),
          "the view holds the poaching report and no report of the group elsewhere");
      b.step("group-in-view");
    }
  }

  /** Whether the server offers the police tileset to a police caller (it lists it in /tiles then). */
  static boolean policeTilesOffered() throws Exception {
    JsonNode sets = MapServer.JSON.readTree(send("GET", "/tiles", admin, null, null).body()).path("tilesets");
    for (JsonNode set : sets) {
      if (set.path("id").asText().equals("police-threats")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void englishOnAPhone() throws Exception {
    insert("speeding", new LonLat(19.93, 50.06), Instant.now(), null, List.of());
    try (Browser b = Browser.open(server.origin(), "ConsoleBrowserTest-phone", Browser.Viewport.PHONE)) {
      b.get("/console");
      b.waitUntil("the log-in form", WAIT, "document.body.dataset.ready === 'true'");
      b.driver().findElement(By.id("lang")).click();
      b.waitUntil("English", WAIT, "document.documentElement.lang === 'en'");
      assertEquals("Log in", text(b, "login-title"));
      assertTrue(b.driver().getCurrentUrl().contains("lang=en"), "the language lives in the URL");
      logIn(b, COORDINATOR, PASSWORD);
      b.waitUntil("the queue", WAIT, "document.querySelector('#list .report-item')");
      assertEquals("Report queue", text(b, "list-title"));
      assertTrue(text(b, "list-summary").contains("reports shown"), text(b, "list-summary"));
      Map<?, ?> layout = (Map<?, ?>) b.js("const m = document.getElementById('map').getBoundingClientRect();"
          + " const l = document.querySelector('.list-pane').getBoundingClientRect();"
          + " return {mapTop: m.top, listBottom: l.bottom, width: document.documentElement.scrollWidth,"
          + " small: [...document.querySelectorAll('button, .report-item, select, input:not([type=checkbox]), label.check')]"
          + ".filter(e => e.offsetParent && e.getBoundingClientRect().height < 44).map(e => e.id || e.className)};");
      assertTrue(((Number) layout.get("listBottom")).doubleValue() <= ((Number) layout.get("mapTop")).doubleValue(),
          "one column: the queue first, the map under it " + layout);
      assertFalse((Boolean) b.js("return document.getElementById('filters-box').open;"), "the filters fold away");
      b.waitUntil("the map looking at the queue", WAIT, "window.kmzbConsoleMap.getView().getZoom() > 10");
      assertTrue(((Number) layout.get("width")).intValue() <= 400, "nothing wider than the phone " + layout);
      assertEquals(List.of(), layout.get("small"), "every target at least 44 px high");
      b.step("phone-english-queue");
      b.driver().findElement(By.cssSelector("#list .report-item")).click();
      b.waitUntil("the report", WAIT, "document.getElementById('detail-status')");
      assertEquals("New", text(b, "detail-status"));
      b.step("phone-english-report");
    }
  }

  // --- helpers ---

  static void logIn(Browser b, String user, String password) {
    var name = b.driver().findElement(By.id("login-user"));
    name.clear();
    name.sendKeys(user);
    var pass = b.driver().findElement(By.id("login-password"));
    pass.clear();
    pass.sendKeys(password);
    b.driver().findElement(By.id("login-submit")).click();
  }

  static void move(Browser b, String status, String note) {
    new Select(b.driver().findElement(By.id("move-status"))).selectByValue(status);
    var field = b.driver().findElement(By.id("move-note"));
    field.clear();
    field.sendKeys(note);
    b.driver().findElement(By.id("move-submit")).click();
  }

  static String text(Browser b, String id) {
    return (String) b.js("return document.getElementById(arguments[0]).textContent;", id);
  }

  static Report insert(String category, LonLat at, Instant reportedAt, String description, List<NewAttachment> files) {
    NewReport r = new NewReport(category, Status.NEW, at, reportedAt, null, null, description, Source.CITIZEN,
        Teryt.ofMunicipality("1261011"), null, "203.0.113.7", false);
    return server.app().store().insert(r, "test", files, null);
  }

  static String token(String user, String password) throws Exception {
    HttpResponse<String> r = send("POST", "/api/auth/token", null, null,
        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    assertEquals(201, r.statusCode(), r.body());
    return MapServer.JSON.readTree(r.body()).path("token").asText();
  }

  static HttpResponse<String> send(String method, String path, String token, String ifMatch, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.origin() + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return MapServer.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status of report {@code id} in the public threats tile at zoom 16 around {@code at}. */
  static String publicTileStatus(long id, LonLat at) throws Exception {
    int z = 16;
    double n = 1 << z;
    int x = (int) Math.floor((at.lon() + 180) / 360 * n);
    double lat = Math.toRadians(at.lat());
    int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> r = server.get("/tiles/threats/" + z + "/" + x + "/" + y + ".mvt");
      last = null;
      if (r.statusCode() == 200) {
        for (JtsLayer layer : MvtReader.loadMvt(new ByteArrayInputStream(r.body()), new GeometryFactory(),
            new TagKeyValueMapConverter()).getLayers()) {
          for (Geometry g : layer.getGeometries()) {
            Map<?, ?> tags = (Map<?, ?>) g.getUserData();
            if (tags.get("id") != null && ((Number) tags.get("id")).longValue() == id) {
              last = String.valueOf(tags.get("status"));
            }
          }
        }
      }
      if (last != null) {
        return last;
      }
      Thread.sleep(100);
    }
    return "absent";
  }

  /**
   * The colour the public WMS map draws at {@code at}: a 101 × 101 px map of the public report
   * layer about 110 m wide around it, its pixels counted by hue ("red" for the confirmed colour,
   * "yellow" for verification, "none" when neither dominates).
   */
  static String publicColour(LonLat at) throws Exception {
    double d = 0.0008;
    String bbox = String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f", at.lon() - d, at.lat() - d, at.lon() + d, at.lat() + d);
    HttpResponse<byte[]> r = server.get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=threats.points&STYLES="
        + "&CRS=CRS:84&BBOX=" + bbox + "&WIDTH=101&HEIGHT=101&FORMAT=image/png&TRANSPARENT=true");
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("content-type").orElse(""));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    int red = 0;
    int yellow = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int argb = image.getRGB(x, y);
        if ((argb >>> 24) < 200) {
          continue;
        }
        if (near(argb, 0xe74c3c)) {
          red++;
        } else if (near(argb, 0xf1c40f)) {
          yellow++;
        }
      }
    }
    return red > 50 && yellow == 0 ? "red" : yellow > 50 && red == 0 ? "yellow" : "none (red " + red + ", yellow " + yellow + ")";
  }

  private static boolean near(int argb, int rgb) {
    int dr = ((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff);
    int dg = ((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff);
    int db = (argb & 0xff) - (rgb & 0xff);
    return dr * dr + dg * dg + db * db < 24 * 24;
  }
}
