package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  static final String PASSWORD = "correct horse battery";

  @Test
  void hashVerifiesTheSamePasswordOnly() {
    String phc = Passwords.hash(PASSWORD);
    assertTrue(Passwords.verify(PASSWORD, phc));
    assertTrue(Passwords.verify(PASSWORD.toCharArray(), phc));
    assertFalse(Passwords.verify("correct horse battery!", phc));
    assertFalse(Passwords.verify("Correct horse battery", phc));
    assertFalse(Passwords.verify("", phc));
    assertFalse(Passwords.verify((String) null, phc));
  }

  @Test
  void theDummyHashHasTheParametersOfANewHash() {
    String phc = Passwords.hash(PASSWORD);
    String params = phc.substring(0, phc.indexOf('$', phc.indexOf("m=")) + 1);
    assertTrue(Passwords.DUMMY_HASH.startsWith(params), "dummy " + Passwords.DUMMY_HASH + " against " + params);
    assertEquals(phc.length(), Passwords.DUMMY_HASH.length(), "same salt and hash lengths");
    assertFalse(Passwords.verify(PASSWORD, Passwords.DUMMY_HASH));
    assertEquals(16, java.util.Base64.getDecoder().decode(Passwords.DUMMY_HASH.split("\\$")[4]).length, "salt");
    assertEquals(32, java.util.Base64.getDecoder().decode(Passwords.DUMMY_HASH.split("\\$")[5]).length, "hash");
  }

  @Test
  void hashIsArgon2idPhcWithOwaspParameters() {
    String phc = Passwords.hash(PASSWORD);
    assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
    assertEquals(6, phc.split("\\$").length, phc);
    assertFalse(phc.contains(PASSWORD));
  }

  @Test
  void everyHashHasItsOwnSalt() {
    String a = Passwords.hash(PASSWORD);
    String b = Passwords.hash(PASSWORD);
    assertNotEquals(a, b);
    assertTrue(Passwords.verify(PASSWORD, a));
    assertTrue(Passwords.verify(PASSWORD, b));
  }

  @Test
  void verifiesHashesMadeWithOtherArgon2Parameters() {
    // Stored hashes carry their parameters, so stronger settings later still accept old hashes.
    String phc = com.password4j.Password.hash(PASSWORD).addRandomSalt(16)
        .with(com.password4j.Argon2Function.getInstance(8192, 3, 1, 32, com.password4j.types.Argon2.ID)).getResult();
    assertTrue(Passwords.verify(PASSWORD, phc));
  }

  @Test
  void malformedStoredHashNeverMatches() {
    assertFalse(Passwords.verify(PASSWORD, null));
    assertFalse(Passwords.verify(PASSWORD, ""));
    assertFalse(Passwords.verify(PASSWORD, PASSWORD));
    assertFalse(Passwords.verify(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$garbage"));
    assertFalse(Passwords.verify(PASSWORD, "$2a$10$abcdefghijklmnopqrstuu"));
  }

  @Test
  void shortPasswordsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Passwords.hash("elevenchars"));
    assertEquals("password must be at least 12 characters long", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Passwords.hash(""));
    assertThrows(IllegalArgumentException.class, () -> Passwords.hash((String) null));
    Passwords.checkNew("twelve chars");
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() {
    // 11 emoji are 22 UTF-16 units but still 11 characters.
    String eleven = "\uD83D\uDE00".repeat(11);
    assertThrows(IllegalArgumentException.class, () -> Passwords.checkNew(eleven));
    Passwords.checkNew("zażółć gęślą");
  }

  @Test
  void overlongPasswordsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Passwords.checkNew("x".repeat(Passwords.MAX_LENGTH + 1)));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
  }
}
