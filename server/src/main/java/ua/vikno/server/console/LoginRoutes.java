package ua.vikno.server.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ua.vikno.config.ConsoleUser;

/**
 * {@code POST /api/session} logs in ({@code {"login", "password"}}: 200 with the user and a CSRF token, 401 for a
 * wrong login or password, 429 while locked out), {@code GET /api/session} tells who is logged in and
 * {@code DELETE /api/session} logs out.
 */
public final class LoginRoutes {
    public static final String PATH = "/api/session";
    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
    private static final int MAX_FIELD = 200;

    private final Map<String, ConsoleUser> users;
    private final PasswordVerifier passwords;
    private final LoginThrottle throttle;
    private final EventBus bus;
    private final SecureRandom random = new SecureRandom();

    public LoginRoutes(List<ConsoleUser> users, PasswordVerifier passwords, LoginThrottle throttle, EventBus bus) {
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(u -> u.login().toLowerCase(Locale.ROOT),
                Function.identity()));
        this.passwords = passwords;
        this.throttle = throttle;
        this.bus = bus;
    }

    public void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(4096)).handler(this::login);
        router.get(PATH).handler(ctx -> ApiReplies.json(ctx, 200, ConsoleSession.of(ctx).orElseThrow().toJson()));
        router.delete(PATH).handler(this::logout);
    }

    private void login(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        String login = body == null ? null : body.getValue("login") instanceof String s ? s.trim() : null;
        String password = body == null ? null : body.getValue("password") instanceof String s ? s : null;
        if (login == null || password == null || login.isEmpty() || login.length() > MAX_FIELD
                || password.length() > MAX_FIELD) {
            ApiReplies.error(ctx, 400, "send {\"login\": ..., \"password\": ...}");
            return;
        }
        String address = ctx.request().remoteAddress().hostAddress();
        Optional<Duration> locked = throttle.lockedFor(login, address);
        if (locked.isPresent()) {
            lockedOut(ctx, locked.get());
            return;
        }
        Optional<ConsoleUser> user = Optional.ofNullable(users.get(login.toLowerCase(Locale.ROOT)));
        String who = login;
        passwords.verify(password, user.map(ConsoleUser::passwordHash)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("password check failed for {}", who, ar.cause());
                ApiReplies.error(ctx, 500, "internal error");
                return;
            }
            if (!ar.result()) {
                Optional<Duration> lockout = throttle.onFailure(who, address);
                LOG.atWarn().addKeyValue("login", who).addKeyValue("address", address)
                        .log(lockout.isPresent() ? "console login failed; locked out" : "console login failed");
                if (lockout.isPresent()) {
                    lockedOut(ctx, lockout.get());
                } else {
                    ApiReplies.error(ctx, 401, "wrong login or password");
                }
                return;
            }
            throttle.onSuccess(who, address);
            ConsoleSession session = ConsoleSession.of(user.get(), token());
            ctx.session().regenerateId();
            session.store(ctx.session());
            LOG.atInfo().addKeyValue("login", session.login()).addKeyValue("address", address).log("console login");
            ApiReplies.json(ctx, 200, session.toJson());
        });
    }

    private void logout(RoutingContext ctx) {
        String id = ctx.session().id();
        ConsoleSession.of(ctx).ifPresent(s -> LOG.atInfo().addKeyValue("login", s.login()).log("console logout"));
        ctx.session().destroy();
        bus.publish(ConsoleAddresses.SESSION_ENDED, id);
        ApiReplies.json(ctx, 200, new JsonObject().put("loggedOut", true));
    }

    private static void lockedOut(RoutingContext ctx, Duration left) {
        long seconds = Math.max(1, left.toSeconds());
        ctx.response().putHeader("retry-after", String.valueOf(seconds));
        ApiReplies.json(ctx, 429, new JsonObject().put("error", "too many failed logins; try again in "
                + seconds + " s").put("status", 429).put("retryAfterSeconds", seconds));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
