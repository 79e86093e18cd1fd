package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.testing.TestPostgis;

/**
 * The report table's checks on TERYT codes and descriptions (rewritten without regexes in V9 to
 * cost less per imported row) accept exactly what the original rules accepted, judged by the
 * original expressions themselves on thousands of generated near-misses.
 */
class PostgisReportChecksTest {
  private static final String ALPHABET = "0159a /\n٣ą";

  @Test
  void terytChecksAcceptExactlyTheCodesTheOriginalPatternsAccepted() throws Exception {
    String url = TestPostgis.createDatabase();
    PostgisReportStore.open(url, null, null, 2).close();
    try (Connection c = DriverManager.getConnection(url)) {
      // Each column is judged alone here; the nesting rule across columns (V12) has its own test
      // (ReportStoreContract.databaseRejectsTerytCodesThatDoNotNestOrAreMalformed).
      try (var s = c.createStatement()) {
        s.execute("ALTER TABLE report DROP CONSTRAINT report_teryt_nesting_check");
      }
      c.setAutoCommit(false);
      int accepted = 0;
      accepted += compare(c, "teryt_voivodeship", "^[0-9]{2}$", candidates("14", 1));
      accepted += compare(c, "teryt_county", "^[0-9]{4}$", candidates("1465", 2));
      accepted += compare(c, "teryt_municipality", "^[0-9]{6}[1-5]$", candidates("1465011", 3));
      assertTrue(accepted > 30, "the candidates include valid codes too: " + accepted);
      c.rollback();
    }
  }

  @Test
  void theDescriptionCheckCountsCharactersNotBytes() throws Exception {
    String url = TestPostgis.createDatabase();
    PostgisReportStore.open(url, null, null, 2).close();
    List<String> texts = new ArrayList<>();
    for (int n : new int[] {0, 1, 250, 251, 499, 500, 501, 1000}) {
      texts.add("a".repeat(n));
      texts.add("ą".repeat(n));
      texts.add("😀".repeat(n));
      texts.add("a".repeat(Math.max(0, n - 1)) + "ą");
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      assertEquals(texts.stream().filter(t -> t.codePointCount(0, t.length()) <= 500).count(),
          compare(c, "description", null, texts));
      c.rollback();
    }
  }

  /**
   * Inserts a report with each candidate in {@code column} and asserts the table took exactly those
   * the original rule (the regex, or 500 characters for descriptions) accepts; returns how many.
   */
  private static int compare(Connection c, String column, String originalPattern, List<String> candidates)
      throws SQLException {
    String original = originalPattern == null ? "char_length(?) <= 500" : "? ~ '" + originalPattern + "'";
    int accepted = 0;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO report (category, status, geom, reported_at,"
            + " source, " + column + ") VALUES ('vandalism', 'new', ST_SetSRID(ST_MakePoint(20, 50), 4326), now(),"
            + " 'citizen', ?)");
        PreparedStatement oracle = c.prepareStatement("SELECT " + original)) {
      for (String candidate : candidates) {
        oracle.setString(1, candidate);
        boolean expected;
        try (ResultSet rs = oracle.executeQuery()) {
          rs.next();
          expected = rs.getBoolean(1);
        }
        Savepoint before = c.setSavepoint();
        boolean stored;
        try {
          insert.setString(1, candidate);
          insert.executeUpdate();
          stored = true;
          c.releaseSavepoint(before);
        } catch (SQLException e) {
          assertEquals("23514", e.getSQLState(), "a check violation, not " + e.getMessage());
          c.rollback(before);
          stored = false;
        }
        assertEquals(expected, stored, column + " '" + candidate + "'");
        accepted += stored ? 1 : 0;
      }
    }
    return accepted;
  }

  /**
   * A valid code and its near-misses: every one-character replacement, insertion and deletion
   * over a small alphabet (digits, a letter, space, slash, newline, an Arabic-Indic digit, a Polish
   * letter), every last digit, and random strings of lengths around the code's.
   */
  private static List<String> candidates(String valid, long seed) {
    Set<String> out = new LinkedHashSet<>(List.of("", valid, valid + "\n", " " + valid));
    for (int i = 0; i <= valid.length(); i++) {
      for (char ch : ALPHABET.toCharArray()) {
        out.add(valid.substring(0, i) + ch + valid.substring(i));
        if (i < valid.length()) {
          out.add(valid.substring(0, i) + ch + valid.substring(i + 1));
        }
      }
      if (i < valid.length()) {
        out.add(valid.substring(0, i) + valid.substring(i + 1));
      }
    }
    for (char d = '0'; d <= '9'; d++) {
      out.add(valid.substring(0, valid.length() - 1) + d);
    }
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      StringBuilder s = new StringBuilder();
      int length = valid.length() - 1 + random.nextInt(3);
      for (int j = 0; j < length; j++) {
        s.append(random.nextInt(3) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length())) : (char) ('0' + random.nextInt(10)));
      }
      out.add(s.toString());
    }
    return new ArrayList<>(out);
  }
}
