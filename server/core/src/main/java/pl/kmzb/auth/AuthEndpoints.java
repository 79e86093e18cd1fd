package pl.kmzb.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.ApiException.FieldError;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.http.Endpoint;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;

/**
 * Login, logout and user management. Responses never carry password hashes, and a token only in
 * the login response.
 */
public final class AuthEndpoints {
  static final int MAX_BODY = 16 * 1024;

  /** Body of {@code POST /api/auth/token}. */
  public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
      return "LoginRequest[username=" + username + ", password=(hidden)]";
    }
  }

  /** Body of {@code POST /api/users}. */
  public record NewUserRequest(String username, String password, String role, List<String> areas) {
    @Override
    public String toString() {
      return "NewUserRequest[username=" + username + ", role=" + role + ", areas=" + areas + ", password=(hidden)]";
    }
  }

  /** Body of {@code PATCH /api/users/{username}}: absent or null fields stay as they are. */
  public record UserPatch(String role, List<String> areas, Boolean disabled, String password) {
    @Override
    public String toString() {
      return "UserPatch[role=" + role + ", areas=" + areas + ", disabled=" + disabled + ", password="
          + (password == null ? "unchanged" : "(hidden)") + "]";
    }
  }

  /** Answer of a successful login (the OAuth 2.0 token response's shape, in camel case). */
  public record TokenResponse(String token, String tokenType, Instant expiresAt) {
    @Override
    public String toString() {
      return "TokenResponse[token=(hidden), expiresAt=" + expiresAt + "]";
    }
  }

  /** A user as the API shows it. */
  public record UserView(String username, String role, List<String> areas, boolean disabled, Instant createdAt,
      Instant updatedAt) {
    static UserView of(User u) {
      return new UserView(u.username(), User.roleCode(u.role()), List.copyOf(u.sortedAreas()), u.disabled(),
          u.createdAt(), u.updatedAt());
    }
  }

  private final UserStore users;
  private final Authenticator auth;
  private final ClientAddress clients;

  /** With the socket peer as the client address (no proxy in front). */
  public AuthEndpoints(UserStore users, Authenticator auth) {
    this(users, auth, new ClientAddress(java.util.List.of()));
  }

  public AuthEndpoints(UserStore users, Authenticator auth, ClientAddress clients) {
    this.users = users;
    this.auth = auth;
    this.clients = clients;
  }

  public void register(Router router) {
    router.post("/api/auth/token", privately(this::login));
    router.add("DELETE", "/api/auth/token", privately(this::logout));
    router.get("/api/users", privately(this::list));
    router.post("/api/users", privately(this::create));
    router.get("/api/users/{username}", privately(this::get));
    router.add("PATCH", "/api/users/{username}", privately(this::patch));
  }

  /**
   * Tokens and user records are never kept by a browser or a shared cache (RFC 6749 5.1 requires
   * it for tokens; the rest is police data): every answer of these routes, errors too.
   */
  private static Endpoint privately(Endpoint endpoint) {
    return ex -> {
      ex.response().getHeaders().put("Cache-Control", "private, no-store");
      endpoint.handle(ex);
    };
  }

  void login(Exchange ex) {
    LoginRequest req = ex.readJson(LoginRequest.class, MAX_BODY);
    List<FieldError> errors = new ArrayList<>();
    if (req.username() == null || req.username().isEmpty()) {
      errors.add(new FieldError("username", "username is required"));
    }
    if (req.password() == null || req.password().isEmpty()) {
      errors.add(new FieldError("password", "password is required"));
    }
    throwIfAny(errors);
    Authenticator.IssuedToken issued;
    try {
      issued = auth.login(req.username(), req.password(), clients.of(ex));
    } catch (LoginRefused e) {
      ex.response().getHeaders().put("Retry-After", Long.toString(e.retryAfterSeconds()));
      throw e.toApi();
    } catch (ApiException e) {
      if (e.status() == 401) {
        throw Authenticator.challenge(ex, null, e.getMessage());
      }
      throw e;
    }
    // RFC 6749 5.1: responses carrying tokens must not be cached (Cache-Control set for every route).
    ex.response().getHeaders().put("Pragma", "no-cache");
    ex.sendJson(201, new TokenResponse(issued.token(), "Bearer", issued.expiresAt()));
  }

  void logout(Exchange ex) {
    auth.revoke(ex);
    ex.send(204, "text/plain; charset=utf-8", new byte[0]);
  }

  void list(Exchange ex) {
    requireAdministrator(ex);
    List<UserView> views = users.list().stream().map(UserView::of).toList();
    ex.sendJson(200, Map.of("users", views));
  }

  void get(Exchange ex) {
    Actor caller = auth.require(ex);
    String username = ex.pathParam("username");
    if (caller.role() != Role.ADMINISTRATOR && !caller.name().equals(username)) {
      throw new ApiException(403, "Forbidden", "only administrators may read other users");
    }
    User user = users.find(username).orElseThrow(() -> notFound(username));
    ex.sendJson(200, UserView.of(user));
  }

  void create(Exchange ex) {
    requireAdministrator(ex);
    NewUserRequest req = ex.readJson(NewUserRequest.class, MAX_BODY);
    List<FieldError> errors = new ArrayList<>();
    try {
      User.checkUsername(req.username());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("username", e.getMessage()));
    }
    try {
      Passwords.checkNew(req.password());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("password", e.getMessage()));
    }
    Role role = req.role() == null ? missing(errors, "role") : parseRole(req.role(), errors);
    Set<String> areas = req.areas() == null ? Set.of() : areas(req.areas(), errors);
    if (role != null && areas != null) {
      try {
        User.checkAreas(role, areas);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("areas", e.getMessage()));
      }
    }
    throwIfAny(errors);
    User user;
    try {
      user = users.create(req.username(), Passwords.hash(req.password()), role, areas);
    } catch (AuthException e) {
      throw new ApiException(409, "Conflict", e.getMessage());
    }
    ex.response().getHeaders().put("Location", "/api/users/" + user.username());
    ex.sendJson(201, UserView.of(user));
  }

  void patch(Exchange ex) {
    requireAdministrator(ex);
    String username = ex.pathParam("username");
    UserPatch req = ex.readJson(UserPatch.class, MAX_BODY);
    User current = users.find(username).orElseThrow(() -> notFound(username));
    List<FieldError> errors = new ArrayList<>();
    Role role = req.role() == null ? null : parseRole(req.role(), errors);
    Set<String> areas = req.areas() == null ? null : areas(req.areas(), errors);
    boolean parsed = (req.role() == null || role != null) && (req.areas() == null || areas != null);
    if (parsed && (role != null || areas != null)) {
      Role nextRole = role == null ? current.role() : role;
      try {
        User.checkAreas(nextRole, areas == null ? current.areas() : areas);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("areas", e.getMessage() + (areas == null ? "; send areas that fit the new role" : "")));
      }
    }
    if (req.password() != null) {
      try {
        Passwords.checkNew(req.password());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("password", e.getMessage()));
      }
    }
    throwIfAny(errors);
    // The last-administrator rule is the store's: it holds in the transaction that writes (a 409).
    UserStore.Changes changes = new UserStore.Changes(role, areas, req.disabled(),
        req.password() == null ? null : Passwords.hash(req.password()));
    User updated = users.update(username, changes);
    if (changes.passwordHash() != null || Boolean.TRUE.equals(changes.disabled())) {
      auth.forgetCredentials(username); // at once here; other servers see it on the next use (re-checked per hit)
    }
    ex.sendJson(200, UserView.of(updated));
  }

  private Actor requireAdministrator(Exchange ex) {
    Actor caller = auth.require(ex);
    if (caller.role() != Role.ADMINISTRATOR) {
      throw new ApiException(403, "Forbidden", "only administrators may manage users");
    }
    return caller;
  }

  private static Role parseRole(String code, List<FieldError> errors) {
    try {
      return User.parseRole(code);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("role", e.getMessage()));
      return null;
    }
  }

  private static <T> T missing(List<FieldError> errors, String field) {
    errors.add(new FieldError(field, field + " is required"));
    return null;
  }

  /** The area codes as a set, or null (with an error) if one is null. */
  private static Set<String> areas(List<String> codes, List<FieldError> errors) {
    if (codes.contains(null)) {
      errors.add(new FieldError("areas", "areas must be TERYT codes, not null"));
      return null;
    }
    return new LinkedHashSet<>(codes);
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
      throw new ApiException(400, "Bad Request", detail, errors);
    }
  }

  private static ApiException notFound(String username) {
    return new ApiException(404, "Not Found", "no user named '" + username + "'");
  }
}
