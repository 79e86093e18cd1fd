package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;
import pl.kmzb.report.Role;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;

class FirstAdministratorTest {
  static final String CONFIGURED = "configured-secret-42";

  @TempDir
  Path dir;
  ReportStore store;
  UserStore users;
  CapturingLogger log = new CapturingLogger();

  @BeforeEach
  void open() {
    store = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
    users = JdbcUserStore.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createsTheConfiguredAdministratorAndNeverLogsItsPassword() {
    assertEquals(Optional.of("admin"), FirstAdministrator.ensure(users, "admin", CONFIGURED, log));
    User admin = users.find("admin").orElseThrow();
    assertEquals(Role.ADMINISTRATOR, admin.role());
    assertFalse(admin.disabled());
    assertTrue(Passwords.verify(CONFIGURED, users.passwordHash("admin").orElseThrow()));
    assertEquals(1, log.lines.size());
    assertTrue(log.lines.stream().noneMatch(l -> l.message().contains(CONFIGURED)), log.lines.toString());
  }

  @Test
  void generatesAPasswordAndLogsItOnceAtWarn() {
    FirstAdministrator.ensure(users, "admin", "", log);
    assertEquals(1, log.lines.size());
    CapturingLogger.Line line = log.lines.get(0);
    assertEquals(Level.WARN, line.level());
    assertTrue(line.message().contains("change it"), line.message());
    Matcher m = Pattern.compile("generated password (\\S{20}) ").matcher(line.message());
    assertTrue(m.find(), line.message());
    assertTrue(Passwords.verify(m.group(1), users.passwordHash("admin").orElseThrow()));

    // Once an administrator exists nothing more is created or logged.
    assertEquals(Optional.empty(), FirstAdministrator.ensure(users, "admin", "", log));
    assertEquals(1, log.lines.size());
  }

  @Test
  void nullPasswordAlsoGeneratesOne() {
    FirstAdministrator.ensure(users, "root", null, log);
    assertEquals(Level.WARN, log.lines.get(0).level());
    assertTrue(users.anyEnabledAdministrator());
  }

  @Test
  void generatedPasswordsDiffer() {
    assertFalse(FirstAdministrator.generate().equals(FirstAdministrator.generate()));
    assertEquals(20, FirstAdministrator.generate().length());
  }

  @Test
  void doesNothingWhenAnEnabledAdministratorExists() {
    users.create("boss", Passwords.hash("boss-password-1"), Role.ADMINISTRATOR, Set.of());
    assertEquals(Optional.empty(), FirstAdministrator.ensure(users, "admin", CONFIGURED, log));
    assertEquals(Optional.empty(), users.find("admin"));
    assertTrue(log.lines.isEmpty());
  }

  @Test
  void restoresADisabledOrDemotedUserOfTheConfiguredName() {
    users.create("admin", Passwords.hash("old-password-123"), Role.OFFICER, Set.of("1261"));
    users.update("admin", UserStore.Changes.none().withDisabled(true));
    FirstAdministrator.ensure(users, "admin", CONFIGURED, log);
    User admin = users.find("admin").orElseThrow();
    assertEquals(Role.ADMINISTRATOR, admin.role());
    assertEquals(Set.of(), admin.areas());
    assertFalse(admin.disabled());
    assertTrue(Passwords.verify(CONFIGURED, users.passwordHash("admin").orElseThrow()));
  }

  @Test
  void rejectsABadConfiguredUsernameOrShortPassword() {
    assertThrows(IllegalArgumentException.class, () -> FirstAdministrator.ensure(users, "Admin!", CONFIGURED, log));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FirstAdministrator.ensure(users, "admin", "short", log));
    assertTrue(e.getMessage().contains("at least 12"), e.getMessage());
    assertFalse(users.anyEnabledAdministrator());
  }
}
