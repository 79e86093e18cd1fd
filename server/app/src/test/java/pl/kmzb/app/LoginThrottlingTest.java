package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;

/**
 * Log-in throttling of the whole server over HTTP. The server trusts 127.0.0.1 as its proxy, so
 * each request's X-Forwarded-For plays a different client address.
 */
class LoginThrottlingTest {
  static final String ADMIN_PASSWORD = "the-real-admin-password";
  static final int LIMIT = 10;
  static final int DEFAULT_CONCURRENT_VERIFICATIONS = 4;

  @TempDir
  Path dir;
  Application app;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    app = Application.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + dir.resolve("kmzb.sqlite"), "--access-log=off", "--auth.admin-password=" + ADMIN_PASSWORD,
        "--http.trusted-proxies=127.0.0.1"), Map.of()));
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  HttpResponse<String> login(String user, String password, String from) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/auth/token"))
        .header("Content-Type", "application/json").header("X-Forwarded-For", from)
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void guessesFromOneAddressNeverLockTheAdministratorOutOfAnother() {
    for (int i = 0; i < LIMIT; i++) {
      assertEquals(401, login("admin", "wrong-guess-" + i, "198.51.100.7").statusCode());
    }
    HttpResponse<String> clean = login("admin", ADMIN_PASSWORD, "203.0.113.20");
    assertEquals(201, clean.statusCode(), "the right password from a clean address: " + clean.body());
    // The guessing address stays refused, even with the right password, and is told when to retry.
    HttpResponse<String> guesser = login("admin", ADMIN_PASSWORD, "198.51.100.7");
    assertEquals(429, guesser.statusCode(), guesser.body());
    assertNotNull(guesser.headers().firstValue("Retry-After").orElse(null));
    assertEquals("application/problem+json", guesser.headers().firstValue("Content-Type").orElse(""));
    // Other user names from the guessing address still have the address's budget.
    assertEquals(401, login("someone.else", "wrong-guess", "198.51.100.7").statusCode());
  }

  @Test
  void aParallelBurstGetsNoMoreVerificationsThanTheLimit() throws Exception {
    int burst = 40;
    ExecutorService pool = Executors.newFixedThreadPool(burst);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> replies = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        int n = i;
        replies.add(pool.submit(() -> {
          go.await();
          return login("admin", "parallel-guess-" + n, "198.51.100.9");
        }));
      }
      go.countDown();
      int verified = 0;
      for (Future<HttpResponse<String>> f : replies) {
        verified += f.get().statusCode() == 401 ? 1 : 0; // only a checked password is answered 401
      }
      assertTrue(verified <= LIMIT, verified + " guesses were checked, more than the limit of " + LIMIT);
      for (Future<HttpResponse<String>> f : replies) {
        int status = f.get().statusCode();
        assertTrue(status == 401 || status == 429 || status == 503, "status " + status);
        if (status != 401) {
          assertNotNull(f.get().headers().firstValue("Retry-After").orElse(null), "status " + status);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Samples the server's threads while clients from many addresses log in at once. */
  @Test
  void concurrentPasswordVerificationsAreCapped() throws Exception {
    int clients = 48;
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicInteger most = new AtomicInteger();
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        int inArgon2 = 0;
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
          for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("com.password4j.Argon2")) {
              inArgon2++;
              break;
            }
          }
        }
        most.accumulateAndGet(inArgon2, Math::max);
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      sampler.start();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        replies.add(pool.submit(() -> {
          go.await();
          return login("user" + n, "a-wrong-password", "192.0.2." + (n + 1)).statusCode();
        }));
      }
      go.countDown();
      for (Future<Integer> f : replies) {
        int status = f.get();
        assertTrue(status == 401 || status == 503, "status " + status);
      }
    } finally {
      sampling.set(false);
      sampler.join();
      pool.shutdownNow();
    }
    assertTrue(most.get() >= 1, "the sampler saw no verification at all");
    assertTrue(most.get() <= DEFAULT_CONCURRENT_VERIFICATIONS, most.get() + " Argon2 verifications ran at once");
  }
}
