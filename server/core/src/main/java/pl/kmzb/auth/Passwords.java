package pl.kmzb.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.SecureString;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 iterations, 1
 * lane), stored as a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so that stronger
 * parameters can be adopted later while old hashes still verify.
 */
public final class Passwords {
  /** Shortest password accepted for a new or changed password. */
  public static final int MIN_LENGTH = 12;
  /** Longest password accepted; a bound on the work one request can cause. */
  public static final int MAX_LENGTH = 1024;
  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int HASH_BYTES = 32;
  static final int SALT_BYTES = 16;

  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  /**
   * A hash of a random password nobody kept, with this class's parameters: what a login of an
   * unknown user is verified against, so it takes as long as one of a known user. A constant, not
   * hashed at start, because hashing is a third of a second of a start's CPU (PasswordsTest checks
   * that it carries the parameters above).
   */
  static final String DUMMY_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$r2ECDqR5azmRDYR45LEuEw$YzkP4vIJkmaRZjUzhPV/2jq+HKsL3v4EXlSA09DAGVE";

  private Passwords() {}

  /** The PHC string of a new password, after checking its length. */
  public static String hash(char[] password) {
    checkNew(password);
    return Password.hash(new SecureString(password)).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
  }

  public static String hash(String password) {
    return hash(password == null ? null : password.toCharArray());
  }

  /** True if the password matches the stored PHC string; false also for a string that is not one. */
  public static boolean verify(char[] password, String phc) {
    if (password == null || phc == null || !phc.startsWith("$argon2")) {
      return false;
    }
    try {
      return Argon2Function.getInstanceFromHash(phc).check(new SecureString(password), phc);
    } catch (RuntimeException e) {
      return false; // malformed stored string: no match, and nothing about it goes to the client
    }
  }

  public static boolean verify(String password, String phc) {
    return password != null && verify(password.toCharArray(), phc);
  }

  /** Rejects a password too short or too long to be set; the message can be shown to the user. */
  public static void checkNew(char[] password) {
    if (password == null) {
      throw new IllegalArgumentException("password is required");
    }
    int length = Character.codePointCount(password, 0, password.length);
    if (length < MIN_LENGTH) {
      throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters long");
    }
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("password must be at most " + MAX_LENGTH + " characters long");
    }
  }

  public static void checkNew(String password) {
    checkNew(password == null ? null : password.toCharArray());
  }
}
