package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.auth.User;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusWorkflow;

/** The console page, its files and its catalogue over HTTP from the running server. */
class ConsolePageTest {
  @TempDir
  static Path dir;
  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.start(dir, 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  @Test
  void thePageLoadsOnlyFromThisServerAndEveryFileItNamesIsServed() throws Exception {
    HttpResponse<byte[]> page = server.get("/console");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", header(page, "content-type"));
    assertEquals("no-cache", header(page, "cache-control"));
    String policy = header(page, "content-security-policy");
    assertTrue(policy.contains("default-src 'self'") && policy.contains("connect-src 'self'")
        && policy.contains("script-src 'self'"), policy);
    assertEquals("no-referrer", header(page, "referrer-policy"));
    String html = new String(page.body(), StandardCharsets.UTF_8);
    List<String> urls = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(html);
    while (m.find()) {
      urls.add(m.group(1));
    }
    assertTrue(urls.containsAll(List.of("/web/console/console.js", "/web/console/i18n.js", "/web/console/console.css",
        "/web/ol/" + WebPlugin.OL_VERSION + "/ol.js")), urls.toString());
    for (String url : urls) {
      HttpResponse<byte[]> r = server.get(url);
      assertEquals(200, r.statusCode(), url);
      assertFalse(header(r, "etag").isEmpty(), url);
    }
    assertFalse(html.contains("http://") || html.contains("https://"), "the page names no other host");
    assertEquals(404, server.get("/web/console/nothing.js").statusCode());
  }

  @Test
  void everyI18nKeyHasBothLanguages() throws Exception {
    String js = new String(server.get("/web/console/i18n.js").body(), StandardCharsets.UTF_8);
    int en = js.indexOf("\n  en: {");
    assertTrue(en > 0, "an English table");
    List<String> pl = keys(js.substring(0, en));
    List<String> english = keys(js.substring(en));
    assertEquals(pl, english, "the same keys in the same order");
    String script = new String(server.get("/web/console/console.js").body(), StandardCharsets.UTF_8)
        + new String(server.get("/console").body(), StandardCharsets.UTF_8);
    Matcher used = Pattern.compile("(?:\\bt\\('|data-i18n(?:-label)?=\")([A-Za-z]+)['\"]").matcher(script);
    while (used.find()) {
      assertTrue(pl.contains(used.group(1)), "no string for key " + used.group(1));
    }
  }

  private static List<String> keys(String table) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\n    ([A-Za-z_]+): ").matcher(table);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theCatalogueHasEveryStatusWithItsPoliceStyleColourAndTheWorkflowPerRole() throws Exception {
    JsonNode c = server.getJson("/web/console/catalogue.json");
    assertEquals(Status.values().length, c.path("statuses").size());
    JsonNode confirmed = c.path("statuses").get(Status.CONFIRMED.ordinal());
    assertEquals("confirmed", confirmed.path("code").asText());
    assertEquals("Potwierdzone", confirmed.path("name").path("pl").asText());
    assertEquals("Confirmed", confirmed.path("name").path("en").asText());
    assertEquals("#e74c3c", confirmed.path("colour").asText(), "styles/police-reports.sld");
    assertFalse(c.path("statuses").get(Status.JOKE_OR_MISTAKE.ordinal()).path("public").asBoolean());
    assertTrue(c.path("pastDeadlineColour").asText().matches("#[0-9a-f]{6}"));
    for (Role role : Role.values()) {
      JsonNode r = c.path("roles").get(role.ordinal());
      assertEquals(User.roleCode(role), r.path("code").asText());
      assertEquals(StatusWorkflow.mayCorrect(role), r.path("corrections").asBoolean());
      for (Status from : Status.values()) {
        for (Status to : Status.values()) {
          boolean listed = false;
          for (JsonNode code : r.path("moves").path(from.code())) {
            listed |= code.asText().equals(to.code());
          }
          assertEquals(StatusWorkflow.isRegularMove(role, from, to), listed, role + " " + from + " -> " + to);
        }
      }
    }
    JsonNode officer = c.path("roles").get(Role.OFFICER.ordinal());
    assertEquals(0, officer.path("moves").path("new").size(), "an officer does not take up new reports");
    assertEquals(4, officer.path("moves").path("verification").size());
    assertTrue(c.path("categories").size() > 20);
    assertEquals(List.of("citizen", "officer", "police_system"),
        List.of(c.path("sources").get(0).asText(), c.path("sources").get(1).asText(), c.path("sources").get(2).asText()));
  }
}
