package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.report.Role;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StoreException;

/** The contract of {@link UserStore}; one subclass per report store runs it on a real database. */
abstract class UserStoreContract {
  static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

  ReportStore reports;
  UserStore users;

  /** A fresh, empty report store. */
  abstract ReportStore openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    reports = openStore();
    users = JdbcUserStore.of(reports);
  }

  @AfterEach
  void close() {
    reports.close();
  }

  User officer() {
    return users.create("dzielnicowy.1", HASH, Role.OFFICER, Set.of("1261", "1206"));
  }

  @Test
  void createdUserReadsBackWithEveryField() {
    User created = officer();
    assertEquals("dzielnicowy.1", created.username());
    assertEquals(Role.OFFICER, created.role());
    assertEquals(Set.of("1261", "1206"), created.areas());
    assertFalse(created.disabled());
    assertEquals(created.createdAt(), created.updatedAt());
    assertEquals(Optional.of(created), users.find("dzielnicowy.1"));
    assertEquals(Optional.of(HASH), users.passwordHash("dzielnicowy.1"));
  }

  @Test
  void unknownUserIsEmpty() {
    assertEquals(Optional.empty(), users.find("nobody"));
    assertEquals(Optional.empty(), users.passwordHash("nobody"));
    assertEquals(Optional.empty(), users.credential("nobody"));
  }

  @Test
  void credentialReadsTheUserWithTheirHashAsTheSeparateReadsDo() {
    officer();
    users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(true));
    UserStore.Credential c = users.credential("dzielnicowy.1").orElseThrow();
    assertEquals(users.find("dzielnicowy.1").orElseThrow(), c.user());
    assertEquals(HASH, c.passwordHash());
    assertFalse(c.toString().contains(HASH));
  }

  @Test
  void everyRoleRoundTrips() {
    users.create("kpp-krakow", HASH, Role.LOCAL_COORDINATOR, Set.of("1261"));
    users.create("kwp-krakow", HASH, Role.VOIVODESHIP_COORDINATOR, Set.of("12", "14"));
    users.create("admin", HASH, Role.ADMINISTRATOR, Set.of());
    officer();
    assertEquals(Role.LOCAL_COORDINATOR, users.find("kpp-krakow").orElseThrow().role());
    assertEquals(Set.of("12", "14"), users.find("kwp-krakow").orElseThrow().areas());
    assertEquals(Set.of(), users.find("admin").orElseThrow().areas());
  }

  @Test
  void listIsSortedByUsername() {
    users.create("zenon", HASH, Role.ADMINISTRATOR, Set.of());
    users.create("adam", HASH, Role.OFFICER, Set.of("1261"));
    users.create("marta", HASH, Role.VOIVODESHIP_COORDINATOR, Set.of("12"));
    assertEquals(List.of("adam", "marta", "zenon"), users.list().stream().map(User::username).toList());
  }

  @Test
  void duplicateUsernameIsRejectedAndTheFirstUserKept() {
    User first = officer();
    AuthException e = assertThrows(AuthException.class,
        () -> users.create("dzielnicowy.1", "other", Role.ADMINISTRATOR, Set.of()));
    assertEquals(AuthException.Reason.DUPLICATE_USERNAME, e.reason());
    assertTrue(e.getMessage().contains("dzielnicowy.1"), e.getMessage());
    assertEquals(Optional.of(first), users.find("dzielnicowy.1"));
    assertEquals(Optional.of(HASH), users.passwordHash("dzielnicowy.1"));
  }

  @Test
  void invalidUsersAreNotStored() {
    assertThrows(IllegalArgumentException.class, () -> users.create("Bad Name", HASH, Role.OFFICER, Set.of("1261")));
    assertThrows(IllegalArgumentException.class, () -> users.create("officer", HASH, Role.OFFICER, Set.of("12")));
    assertThrows(IllegalArgumentException.class, () -> users.create("admin", HASH, Role.ADMINISTRATOR, Set.of("12")));
    assertEquals(List.of(), users.list());
  }

  @Test
  void updateChangesOnlyWhatIsGiven() {
    User before = officer();
    User after = users.update("dzielnicowy.1", UserStore.Changes.none().withAreas(Set.of("1261")));
    assertEquals(Role.OFFICER, after.role());
    assertEquals(Set.of("1261"), after.areas());
    assertFalse(after.disabled());
    assertEquals(before.createdAt(), after.createdAt());
    assertFalse(after.updatedAt().isBefore(before.updatedAt()));
    assertEquals(Optional.of(after), users.find("dzielnicowy.1"));
    assertEquals(Optional.of(HASH), users.passwordHash("dzielnicowy.1"));

    User promoted = users.update("dzielnicowy.1",
        UserStore.Changes.none().withRole(Role.VOIVODESHIP_COORDINATOR).withAreas(Set.of("12")));
    assertEquals(Role.VOIVODESHIP_COORDINATOR, promoted.role());
    assertEquals(Optional.of(promoted), users.find("dzielnicowy.1"));

    users.update("dzielnicowy.1", UserStore.Changes.none().withPasswordHash("new-hash"));
    assertEquals(Optional.of("new-hash"), users.passwordHash("dzielnicowy.1"));

    assertTrue(users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(true)).disabled());
    assertTrue(users.find("dzielnicowy.1").orElseThrow().disabled());
    assertFalse(users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(false)).disabled());
  }

  @Test
  void updateThatBreaksTheRoleRulesChangesNothing() {
    User before = officer();
    assertThrows(IllegalArgumentException.class,
        () -> users.update("dzielnicowy.1", UserStore.Changes.none().withRole(Role.ADMINISTRATOR)));
    assertEquals(Optional.of(before), users.find("dzielnicowy.1"));
  }

  @Test
  void updatingAnUnknownUserIsNotFound() {
    StoreException e = assertThrows(StoreException.class,
        () -> users.update("nobody", UserStore.Changes.none().withDisabled(true)));
    assertEquals(StoreException.Reason.NOT_FOUND, e.reason());
  }

  @Test
  void tokenIsValidUntilItExpires() {
    officer();
    users.storeToken("h1", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    assertEquals("dzielnicowy.1", users.userForToken("h1", T0).orElseThrow().username());
    assertTrue(users.userForToken("h1", T0.plus(Duration.ofHours(8)).minusMillis(1)).isPresent());
    assertEquals(Optional.empty(), users.userForToken("h1", T0.plus(Duration.ofHours(8))));
    assertEquals(Optional.empty(), users.userForToken("h1", T0.plus(Duration.ofDays(2))));
    assertEquals(Optional.empty(), users.userForToken("unknown", T0));
  }

  @Test
  void revokedTokenIsInvalid() {
    officer();
    users.storeToken("h1", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    users.storeToken("h2", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    assertTrue(users.revokeToken("h1"));
    assertFalse(users.revokeToken("h1"));
    assertEquals(Optional.empty(), users.userForToken("h1", T0));
    assertTrue(users.userForToken("h2", T0).isPresent());
  }

  @Test
  void revokeTokensRemovesEveryTokenOfOneUser() {
    officer();
    users.create("admin", HASH, Role.ADMINISTRATOR, Set.of());
    users.storeToken("h1", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    users.storeToken("h2", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    users.storeToken("h3", "admin", T0, T0.plus(Duration.ofHours(8)));
    assertEquals(2, users.revokeTokens("dzielnicowy.1"));
    assertEquals(Optional.empty(), users.userForToken("h1", T0));
    assertEquals(Optional.empty(), users.userForToken("h2", T0));
    assertTrue(users.userForToken("h3", T0).isPresent());
  }

  @Test
  void disabledUsersTokensAreInvalidAndStayRevokedAfterReEnabling() {
    officer();
    users.storeToken("h1", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(true));
    assertEquals(Optional.empty(), users.userForToken("h1", T0));
    users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(false));
    assertEquals(Optional.empty(), users.userForToken("h1", T0));
  }

  @Test
  void disabledUserWithATokenLeftInTheTableIsStillRejected() {
    officer();
    users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(true));
    users.storeToken("h1", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    assertEquals(Optional.empty(), users.userForToken("h1", T0));
  }

  @Test
  void changingRoleAreasOrPasswordRevokesTokens() {
    officer();
    List<UserStore.Changes> revoking = List.of(
        UserStore.Changes.none().withAreas(Set.of("1261")),
        UserStore.Changes.none().withRole(Role.LOCAL_COORDINATOR),
        UserStore.Changes.none().withPasswordHash("another"));
    for (UserStore.Changes changes : revoking) {
      users.storeToken("h", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
      users.update("dzielnicowy.1", changes);
      assertEquals(Optional.empty(), users.userForToken("h", T0), changes.toString());
    }
  }

  @Test
  void updatesThatChangeNoRightsKeepTokens() {
    officer();
    users.storeToken("h", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(8)));
    users.update("dzielnicowy.1", UserStore.Changes.none());
    users.update("dzielnicowy.1", UserStore.Changes.none().withDisabled(false));
    users.update("dzielnicowy.1", UserStore.Changes.none().withAreas(Set.of("1206", "1261")));
    assertTrue(users.userForToken("h", T0).isPresent());
  }

  @Test
  void purgeDeletesOnlyExpiredTokens() {
    officer();
    users.storeToken("old", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(1)));
    users.storeToken("edge", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(2)));
    users.storeToken("new", "dzielnicowy.1", T0, T0.plus(Duration.ofHours(3)));
    assertEquals(2, users.purgeExpiredTokens(T0.plus(Duration.ofHours(2))));
    assertEquals(0, users.purgeExpiredTokens(T0.plus(Duration.ofHours(2))));
    assertTrue(users.userForToken("new", T0).isPresent());
    assertFalse(users.revokeToken("old"));
    assertFalse(users.revokeToken("edge"));
  }

  @Test
  void tokenOfAnUnknownUserCannotBeStored() {
    assertThrows(StoreException.class, () -> users.storeToken("h", "nobody", T0, T0.plusSeconds(60)));
  }

  @Test
  void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
    users.create("admin", HASH, Role.ADMINISTRATOR, Set.of());
    User before = users.find("admin").orElseThrow();
    for (UserStore.Changes change : List.of(UserStore.Changes.none().withDisabled(true),
        UserStore.Changes.none().withRole(Role.VOIVODESHIP_COORDINATOR).withAreas(Set.of("12")))) {
      AuthException e = assertThrows(AuthException.class, () -> users.update("admin", change), change.toString());
      assertEquals(AuthException.Reason.LAST_ADMINISTRATOR, e.reason());
      assertEquals(Optional.of(before), users.find("admin"));
    }
    users.create("admin2", HASH, Role.ADMINISTRATOR, Set.of());
    assertTrue(users.update("admin", UserStore.Changes.none().withDisabled(true)).disabled());
    assertThrows(AuthException.class, () -> users.update("admin2", UserStore.Changes.none().withDisabled(true)));
    // A disabled administrator may be demoted: it takes no enabled administrator away.
    users.update("admin", UserStore.Changes.none().withRole(Role.VOIVODESHIP_COORDINATOR).withAreas(Set.of("12")));
  }

  /**
   * Two administrators disabling (or demoting) each other at the same moment: exactly one wins,
   * round after round, and an enabled administrator always remains.
   */
  @Test
  void administratorsDisablingEachOtherAtOnceLeaveOneEnabled() throws Exception {
    users.create("admin.a", HASH, Role.ADMINISTRATOR, Set.of());
    users.create("admin.b", HASH, Role.ADMINISTRATOR, Set.of());
    UserStore.Changes disable = UserStore.Changes.none().withDisabled(true);
    UserStore.Changes demote = UserStore.Changes.none().withRole(Role.VOIVODESHIP_COORDINATOR).withAreas(Set.of("12"));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 30; round++) {
        UserStore.Changes second = round % 2 == 0 ? disable : demote;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Future<Boolean> a = pool.submit(() -> attempt(start, "admin.a", disable));
        java.util.concurrent.Future<Boolean> b = pool.submit(() -> attempt(start, "admin.b", second));
        int won = (a.get() ? 1 : 0) + (b.get() ? 1 : 0);
        assertEquals(1, won, "round " + round + ": exactly one of the two may succeed");
        assertTrue(users.anyEnabledAdministrator(), "round " + round);
        for (String name : List.of("admin.a", "admin.b")) {
          users.update(name, UserStore.Changes.none().withRole(Role.ADMINISTRATOR).withAreas(Set.of())
              .withDisabled(false));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean attempt(java.util.concurrent.CyclicBarrier start, String username, UserStore.Changes changes)
      throws Exception {
    start.await();
    try {
      users.update(username, changes);
      return true;
    } catch (AuthException e) {
      assertEquals(AuthException.Reason.LAST_ADMINISTRATOR, e.reason());
      return false;
    }
  }

  @Test
  void anyEnabledAdministrator() {
    assertFalse(users.anyEnabledAdministrator());
    officer();
    assertFalse(users.anyEnabledAdministrator());
    users.create("admin", HASH, Role.ADMINISTRATOR, Set.of());
    assertTrue(users.anyEnabledAdministrator());
    // The last one cannot be disabled (see above); with two, the other one still counts.
    users.create("admin2", HASH, Role.ADMINISTRATOR, Set.of());
    users.update("admin", UserStore.Changes.none().withDisabled(true));
    assertTrue(users.anyEnabledAdministrator());
  }
}
