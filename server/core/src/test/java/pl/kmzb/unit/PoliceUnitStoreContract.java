package pl.kmzb.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.auth.User;
import pl.kmzb.auth.UserStore;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Role;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.JdbcPoliceUnitStore;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.StoreException;

/** Police units imported, assigned and re-scoped on each store; one subclass per store. */
abstract class PoliceUnitStoreContract {
  static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  static final String HEADER = "code,name,type,lon,lat,areas\n";
  static final String KWP = "KWP-12,Komenda Wojewódzka Policji w Krakowie,KWP,19.95,50.07,12\n";
  static final String KMP = "KMP-1261,Komenda Miejska Policji w Krakowie,KMP,19.94,50.06,1261\n";
  static final String KPP = "KPP-1206,Komenda Powiatowa Policji w Krakowie,KPP,19.90,50.10,1206\n";

  @TempDir
  Path dir;
  ReportStore store;
  PoliceUnitStore units;
  UserStore users;

  abstract ReportStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    units = JdbcPoliceUnitStore.of(store);
    users = JdbcUserStore.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  PoliceUnitImporter.Result importCsv(String rows) throws Exception {
    Path file = Files.writeString(dir.resolve("units-" + System.nanoTime() + ".csv"), HEADER + rows);
    return PoliceUnitImporter.run(store, file);
  }

  User user(String name, Role role, String... areas) {
    return users.create(name, HASH, role, Set.of(areas));
  }

  @Test
  void importedUnitsReadBack() throws Exception {
    PoliceUnitImporter.Result r = importCsv(KWP + KMP + KPP);
    assertEquals(new PoliceUnitImporter.Result(3, 3, 0, 0, 0, List.of()), r);
    assertEquals(List.of("KMP-1261", "KPP-1206", "KWP-12"), units.all().stream().map(PoliceUnit::code).toList());
    PoliceUnit kmp = units.find("KMP-1261").orElseThrow();
    assertEquals(new PoliceUnit("KMP-1261", "Komenda Miejska Policji w Krakowie", UnitType.KMP,
        new LonLat(19.94, 50.06), Set.of("1261")), kmp);
    assertEquals(Optional.empty(), units.find("KPP-9999"));
  }

  @Test
  void geoJsonImportsToo() throws Exception {
    Path file = Files.writeString(dir.resolve("units.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[19.83,49.97]},"
        + "\"properties\":{\"code\":\"KP-1206\",\"name\":\"Komisariat w Skawinie\",\"type\":\"KP\","
        + "\"areas\":[\"1206112\",\"1206011\"]}}]}");
    assertEquals(1, PoliceUnitImporter.run(store, file).added());
    assertEquals(Set.of("1206011", "1206112"), units.find("KP-1206").orElseThrow().areas());
    assertEquals(new LonLat(19.83, 49.97), units.find("KP-1206").orElseThrow().location());
  }

  @Test
  void aBadRowLeavesThePreviousSetUntouched() throws Exception {
    importCsv(KWP + KMP);
    List<PoliceUnit> before = units.all();
    PoliceUnitException e = assertThrows(PoliceUnitException.class,
        () -> importCsv(KPP + "KP-1,Komisariat,KP,19.9,50.1,12069\nKP-2,Komisariat,XX,19.9,50.1,1206\n"));
    assertEquals(PoliceUnitException.Reason.INVALID_FILE, e.reason());
    assertEquals(2, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("line 3: "), e.problems().toString());
    assertTrue(e.problems().get(1).startsWith("line 4: "), e.problems().toString());
    assertTrue(e.getMessage().contains("nothing was stored"));
    assertEquals(before, units.all());
  }

  @Test
  void rerunningTheSameImportChangesNothing() throws Exception {
    importCsv(KWP + KMP + KPP);
    User officer = user("dzielnicowy.1", Role.OFFICER, "1206");
    units.assignUser(officer.username(), "KMP-1261");
    User assigned = users.find("dzielnicowy.1").orElseThrow();
    List<PoliceUnit> before = units.all();
    PoliceUnitImporter.Result again = importCsv(KPP + KMP + KWP);
    assertEquals(new PoliceUnitImporter.Result(3, 0, 0, 0, 3, List.of()), again);
    assertEquals(before, units.all());
    assertEquals(assigned, users.find("dzielnicowy.1").orElseThrow());
  }

  @Test
  void importAddsUpdatesAndRemoves() throws Exception {
    importCsv(KWP + KMP);
    PoliceUnitImporter.Result r = importCsv(KWP.replace("19.95", "19.96") + KPP);
    assertEquals(new PoliceUnitImporter.Result(2, 1, 1, 1, 0, List.of()), r);
    assertEquals(new LonLat(19.96, 50.07), units.find("KWP-12").orElseThrow().location());
    assertEquals(Optional.empty(), units.find("KMP-1261"));
  }

  @Test
  void assigningAUserScopesThemByTheUnit() throws Exception {
    importCsv(KWP + KMP + KPP);
    user("dzielnicowy.1", Role.OFFICER, "1206");
    Instant now = Instant.now();
    users.storeToken("token-hash", "dzielnicowy.1", now, now.plusSeconds(3600));
    User assigned = units.assignUser("dzielnicowy.1", "KMP-1261");
    User stored = users.find("dzielnicowy.1").orElseThrow();
    assertEquals(assigned, stored);
    assertEquals(Set.of("1261"), stored.areas());
    assertTrue(stored.actor().covers(Teryt.ofMunicipality("1261011")));
    assertFalse(stored.actor().covers(Teryt.ofMunicipality("1206011")));
    assertEquals("KMP-1261", units.unitOf("dzielnicowy.1").orElseThrow().code());
    assertEquals(Optional.empty(), users.userForToken("token-hash", now), "a changed scope revokes old tokens");
    // assigning again to the same unit changes nothing
    assertEquals(stored, units.assignUser("dzielnicowy.1", "KMP-1261"));
    // A scope set by hand replaces the unit's: the user leaves the unit.
    users.update("dzielnicowy.1", new UserStore.Changes(null, Set.of("1206"), null, null));
    assertEquals(Optional.empty(), units.unitOf("dzielnicowy.1"));
    assertEquals(Set.of("1206"), users.find("dzielnicowy.1").orElseThrow().areas());
  }

  @Test
  void localAndVoivodeshipCoordinatorsAreScopedToo() throws Exception {
    importCsv(KWP + KMP + KPP);
    user("kpp.krakow", Role.LOCAL_COORDINATOR, "1261");
    user("kwp.krakow", Role.VOIVODESHIP_COORDINATOR, "14");
    units.assignUser("kpp.krakow", "KPP-1206");
    units.assignUser("kwp.krakow", "KWP-12");
    assertEquals(Set.of("1206"), users.find("kpp.krakow").orElseThrow().areas());
    User kwp = users.find("kwp.krakow").orElseThrow();
    assertEquals(Set.of("12"), kwp.areas());
    assertTrue(kwp.actor().covers(Teryt.ofMunicipality("1206011")));
    assertFalse(kwp.actor().covers(Teryt.ofMunicipality("1465011")));
  }

  @Test
  void rolesThatDoNotFitAreRefusedAndNothingChanges() throws Exception {
    importCsv(KWP + KMP + KPP);
    User officer = user("dzielnicowy.1", Role.OFFICER, "1206");
    User coordinator = user("kwp.krakow", Role.VOIVODESHIP_COORDINATOR, "12");
    User admin = user("admin", Role.ADMINISTRATOR);
    assertRefused("dzielnicowy.1", "KWP-12", "whole voivodeships");
    assertRefused("kwp.krakow", "KMP-1261", "only be assigned to a KWP");
    assertRefused("admin", "KPP-1206", "administrator");
    assertEquals(officer, users.find("dzielnicowy.1").orElseThrow());
    assertEquals(coordinator, users.find("kwp.krakow").orElseThrow());
    assertEquals(admin, users.find("admin").orElseThrow());
    assertEquals(Optional.empty(), units.unitOf("dzielnicowy.1"));
  }

  void assertRefused(String user, String unit, String why) {
    PoliceUnitException e = assertThrows(PoliceUnitException.class, () -> units.assignUser(user, unit));
    assertEquals(PoliceUnitException.Reason.NOT_ASSIGNABLE, e.reason());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void unknownUsersAndUnitsAreNotFound() throws Exception {
    importCsv(KMP);
    user("dzielnicowy.1", Role.OFFICER, "1206");
    assertEquals(StoreException.Reason.NOT_FOUND,
        assertThrows(StoreException.class, () -> units.assignUser("nobody", "KMP-1261")).reason());
    assertEquals(StoreException.Reason.NOT_FOUND,
        assertThrows(StoreException.class, () -> units.assignUser("dzielnicowy.1", "KPP-9999")).reason());
    assertEquals(Optional.empty(), units.unitOf("nobody"));
  }

  @Test
  void reimportWithChangedAreasRescopesAssignedUsers() throws Exception {
    importCsv(KWP + KMP + KPP);
    user("dzielnicowy.1", Role.OFFICER, "1261");
    user("dzielnicowy.2", Role.OFFICER, "1261");
    user("kpp.krakow", Role.LOCAL_COORDINATOR, "1261");
    units.assignUser("dzielnicowy.1", "KPP-1206");
    units.assignUser("kpp.krakow", "KPP-1206");
    units.assignUser("dzielnicowy.2", "KMP-1261");
    User untouched = users.find("dzielnicowy.2").orElseThrow();
    PoliceUnitImporter.Result r = importCsv(KWP + KMP + KPP.replace(",1206\n", ",\"1206;1209\"\n"));
    assertEquals(List.of("dzielnicowy.1", "kpp.krakow"), r.rescopedUsers());
    assertEquals(1, r.updated());
    User officer = users.find("dzielnicowy.1").orElseThrow();
    assertEquals(Set.of("1206", "1209"), officer.areas());
    assertTrue(officer.actor().covers(Teryt.ofMunicipality("1209011")));
    assertEquals(Set.of("1206", "1209"), users.find("kpp.krakow").orElseThrow().areas());
    assertEquals(untouched, users.find("dzielnicowy.2").orElseThrow());
  }

  @Test
  void removingAUnitStillInUseFailsCleanly() throws Exception {
    importCsv(KWP + KMP + KPP);
    user("dzielnicowy.1", Role.OFFICER, "1206");
    units.assignUser("dzielnicowy.1", "KMP-1261");
    List<PoliceUnit> before = units.all();
    PoliceUnitException e = assertThrows(PoliceUnitException.class, () -> importCsv(KWP + KPP));
    assertEquals(PoliceUnitException.Reason.CONFLICT, e.reason());
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).contains("KMP-1261") && e.problems().get(0).contains("dzielnicowy.1"),
        e.getMessage());
    assertEquals(before, units.all());
    assertEquals("KMP-1261", units.unitOf("dzielnicowy.1").orElseThrow().code());
    // once the user is taken out of the unit, the unit can go
    assertTrue(units.unassignUser("dzielnicowy.1"));
    assertFalse(units.unassignUser("dzielnicowy.1"));
    assertEquals(Set.of("1261"), users.find("dzielnicowy.1").orElseThrow().areas());
    assertEquals(1, importCsv(KWP + KPP).removed());
    assertEquals(Optional.empty(), units.find("KMP-1261"));
  }

  @Test
  void changesThatNoLongerFitAnAssignedRoleFailCleanly() throws Exception {
    importCsv(KWP + KMP);
    user("kwp.krakow", Role.VOIVODESHIP_COORDINATOR, "12");
    user("dzielnicowy.1", Role.OFFICER, "1206");
    units.assignUser("kwp.krakow", "KWP-12");
    units.assignUser("dzielnicowy.1", "KMP-1261");
    List<PoliceUnit> before = units.all();
    PoliceUnitException e = assertThrows(PoliceUnitException.class,
        () -> importCsv(KWP.replace(",12\n", ",1206\n") + KMP.replace(",1261\n", ",12\n")));
    assertEquals(PoliceUnitException.Reason.CONFLICT, e.reason());
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(before, units.all());
    assertEquals(Set.of("12"), users.find("kwp.krakow").orElseThrow().areas());
  }

  @Test
  void duplicateCodesAreRefusedByTheStore() {
    PoliceUnit a = new PoliceUnit("KMP-1261", "a", UnitType.KMP, new LonLat(19.9, 50.0), Set.of("1261"));
    assertThrows(IllegalArgumentException.class, () -> units.replaceAll(List.of(a, a)));
  }
}
