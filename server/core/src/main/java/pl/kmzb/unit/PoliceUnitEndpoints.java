package pl.kmzb.unit;

import java.util.LinkedHashMap;
import java.util.Map;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;

/**
 * {@code /api/police-units}: the units police users see, and administrators assigning a user to a
 * unit (which scopes the user to the unit's areas). Units themselves come from imports
 * ({@code import-police-units}).
 */
public final class PoliceUnitEndpoints {
  /** The body of {@code PUT /api/users/{username}/unit}. */
  record Assignment(String unit) {}

  private final PoliceUnitStore units;
  private final Authenticator auth;

  public PoliceUnitEndpoints(PoliceUnitStore units, Authenticator auth) {
    this.units = units;
    this.auth = auth;
  }

  public void register(Router router) {
    router.get("/api/police-units", this::list);
    router.get("/api/police-units/{code}", this::get);
    router.add("PUT", "/api/users/{username}/unit", this::assign);
  }

  private void list(Exchange ex) {
    auth.require(ex);
    ex.sendJson(200, Map.of("units", units.all().stream().map(PoliceUnitEndpoints::view).toList()));
  }

  private void get(Exchange ex) {
    auth.require(ex);
    PoliceUnit u = units.find(ex.pathParam("code"))
        .orElseThrow(() -> new ApiException(404, "Not Found", "no police unit '" + ex.pathParam("code") + "'"));
    ex.sendJson(200, view(u));
  }

  private void assign(Exchange ex) {
    Actor actor = auth.require(ex);
    if (actor.role() != Role.ADMINISTRATOR) {
      throw new ApiException(403, "Forbidden", "only administrators assign users to police units");
    }
    Assignment a = ex.readJson(Assignment.class, 4096);
    if (a.unit() == null || a.unit().isBlank()) {
      throw ApiException.badRequest("unit", "unit is required");
    }
    var user = units.assignUser(ex.pathParam("username"), a.unit());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", user.username());
    body.put("role", user.role().name().toLowerCase());
    body.put("unit", a.unit());
    body.put("areas", user.areas().stream().sorted().toList());
    ex.sendJson(200, body);
  }

  private static Map<String, Object> view(PoliceUnit u) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("code", u.code());
    v.put("name", u.name());
    v.put("type", u.type().name());
    v.put("location", Map.of("lon", u.location().lon(), "lat", u.location().lat()));
    v.put("areas", u.sortedAreas());
    return v;
  }
}
