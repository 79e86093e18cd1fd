package pl.kmzb.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium through Debian's chromedriver, for end-to-end tests
 * against a running server. It fails the test on any console error and on any request to a host
 * other than the server (both read from Chromium's browser and performance logs), and saves a
 * screenshot of every {@link #step} into {@code target/e2e-screenshots/<name>/}.
 *
 * <p>The browser and driver come from {@code src/test/scripts/ensure-chromium.sh}, which installs
 * Debian's {@code chromium} and {@code chromium-driver} when they are missing (as
 * {@code db/pg-test-cluster.sh} installs PostGIS) and fails clearly when it cannot: there is no
 * skip. Both paths are given to Selenium, so Selenium Manager never downloads anything.
 */
public final class Browser implements AutoCloseable {
  /** A desktop window and a phone (CSS pixels; the phone also reports touch and a narrow screen). */
  public record Viewport(int width, int height, boolean mobile) {
    public static final Viewport DESKTOP = new Viewport(1280, 900, false);
    public static final Viewport PHONE = new Viewport(390, 844, true);
  }

  /** Where screenshots go, per browser (a test's name), one file per step. */
  public static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile Tools tools;

  private record Tools(String chromium, String chromedriver) {}

  private final ChromeDriver driver;
  private final URI origin;
  private final Path shots;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<Pattern> expectedConsole = new ArrayList<>();
  private final List<URI> allowedOrigins = new ArrayList<>();
  private final List<Pattern> expectedAlways = new ArrayList<>();
  private int step;

  private Browser(ChromeDriver driver, URI origin, Path shots) {
    this.driver = driver;
    this.origin = origin;
    this.shots = shots;
  }

  /**
   * A new headless browser for the server at {@code origin} (e.g. http://127.0.0.1:1234), its
   * screenshots under {@code target/e2e-screenshots/<name>/}, the page language {@code lang}.
   */
  public static Browser open(String origin, String name, Viewport viewport) throws IOException {
    Tools t = tools();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(t.chromium());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
        "--metrics-recording-only", "--lang=pl-PL", "--hide-scrollbars",
        "--window-size=" + viewport.width() + "," + viewport.height());
    if (viewport.mobile()) {
      options.setExperimentalOption("mobileEmulation", Map.of(
          "deviceMetrics", Map.of("width", viewport.width(), "height", viewport.height(), "pixelRatio", 2.0,
              "touch", true, "mobile", true),
          "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/156.0.0.0 Mobile Safari/537.36"));
    }
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(t.chromedriver())).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    if (!viewport.mobile()) {
      driver.manage().window().setSize(new Dimension(viewport.width(), viewport.height()));
    }
    Path shots = SCREENSHOTS.resolve(name);
    Files.createDirectories(shots);
    try (var old = Files.list(shots)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    return new Browser(driver, URI.create(origin), shots);
  }

  /** Runs the install script once per JVM and remembers the paths it prints. */
  private static synchronized Tools tools() throws IOException {
    if (tools == null) {
      Path script = script();
      Process p = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit;
      try {
        exit = p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + script, e);
      }
      if (exit != 0) {
        throw new IllegalStateException(script + " failed (exit " + exit + "); see its message above: the browser"
            + " tests need Debian's chromium and chromium-driver");
      }
      tools = new Tools(value(out, "CHROMIUM"), value(out, "CHROMEDRIVER"));
      System.setProperty("webdriver.chrome.driver", tools.chromedriver());
    }
    return tools;
  }

  private static String value(String out, String key) {
    return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst()
        .orElseThrow(() -> new IllegalStateException("ensure-chromium.sh printed no " + key + ": " + out));
  }

  private static Path script() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (Path candidate : List.of(p.resolve("src/test/scripts/ensure-chromium.sh"),
          p.resolve("server/web/src/test/scripts/ensure-chromium.sh"))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("cannot find server/web/src/test/scripts/ensure-chromium.sh above "
        + Path.of("").toAbsolutePath());
  }

  /** The driver (a ChromeDriver: DevTools commands are available through executeCdpCommand). */
  public ChromeDriver driver() {
    return driver;
  }

  /** Opens {@code path} (e.g. "/" or "/?lang=en") on the server. */
  public void get(String path) {
    driver.get(origin.resolve(path).toString());
  }

  /** Runs JavaScript in the page (as Selenium's executeScript: {@code return …;} gives a value). */
  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Waits until the JavaScript expression {@code condition} is truthy, failing with {@code what}. */
  public void waitUntil(String what, Duration timeout, String condition) {
    try {
      new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(d -> Boolean.TRUE.equals(
          ((JavascriptExecutor) d).executeScript("return !!(" + condition + ");")));
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("timeout");
      throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " ("
          + condition + "); the page then: " + pageState(), e);
    }
  }

  /** The text and data attributes of the page's message elements, so a timeout says what the page showed. */
  private String pageState() {
    try {
      return String.valueOf(js("return ['legend', 'form-message', 'status-line', 'console-status']"
          + ".map(id => document.getElementById(id)).filter(e => e)"
          + ".map(e => e.id + JSON.stringify(Object.assign({}, e.dataset)) + ' \"'"
          + " + e.textContent.trim().slice(0, 200) + '\"').join('; ');"));
    } catch (RuntimeException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * A console message matching {@code regex} is expected once (e.g. the browser's own "Failed to
   * load resource: … 429" when a test provokes that answer) and does not fail the test.
   */
  public void expectConsoleError(String regex) {
    expectedConsole.add(Pattern.compile(regex));
  }

  /**
   * Console messages matching {@code regex} are expected any number of times (e.g. the browser's
   * "Failed to load resource: … 429" for each tile a test's tiny render budget refuses).
   */
  public void expectConsoleErrors(String regex) {
    expectedAlways.add(Pattern.compile(regex));
  }

  /**
   * Requests to {@code origin} (e.g. a configured external basemap's tile server) do not fail the
   * test; every other host still does.
   */
  public void allowOrigin(String origin) {
    allowedOrigins.add(URI.create(origin));
  }

  /** Every URL the page requested so far (from the performance log), in order. */
  public List<String> requests() {
    readLogs();
    return List.copyOf(requests);
  }

  /** A step of a test: checks the logs (console errors, other hosts) and saves a screenshot. */
  public void step(String name) {
    screenshot(name);
    assertClean();
  }

  /** Saves a screenshot named after the step: NN-name.png. */
  public Path screenshot(String name) {
    step++;
    Path file = shots.resolve(String.format("%02d-%s.png", step, name.replaceAll("[^A-Za-z0-9_-]+", "-")));
    try {
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  /** Fails when the page wrote an unexpected console error or asked a host other than the server. */
  public void assertClean() {
    readLogs();
    if (!problems.isEmpty()) {
      List<String> found = List.copyOf(problems);
      problems.clear();
      throw new AssertionError("the page " + String.join("; ", found));
    }
  }

  private void readLogs() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue() && !expected(e.getMessage())) {
        problems.add("logged a console error: " + e.getMessage());
      }
    }
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(e.getMessage()).path("message");
        if (message.path("method").asText().equals("Network.requestWillBeSent")) {
          String url = message.path("params").path("request").path("url").asText();
          requests.add(url);
          if (!local(url)) {
            problems.add("asked another host: " + url);
          }
        }
      } catch (IOException ex) {
        problems.add("wrote a performance log entry that is not JSON: " + e.getMessage());
      }
    }
  }

  private boolean expected(String message) {
    if (expectedAlways.stream().anyMatch(p -> p.matcher(message).find())) {
      return true;
    }
    for (var it = expectedConsole.iterator(); it.hasNext(); ) {
      if (it.next().matcher(message).find()) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  /** The server's own origin, or a URL that leaves no machine (data:, blob:, about:). */
  private boolean local(String url) {
    if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) {
      return true;
    }
    try {
      URI u = URI.create(url);
      if (sameOrigin(origin, u)) {
        return true;
      }
      return allowedOrigins.stream().anyMatch(o -> sameOrigin(o, u));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equals(b.getScheme()) && a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
  }

  /** Checks the logs a last time (a test that ends with an error still fails) and quits. */
  @Override
  public void close() {
    try {
      assertClean();
    } finally {
      driver.quit();
    }
  }
}
