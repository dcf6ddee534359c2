package ua.vikno.server.console;

import ua.vikno.server.internal.ApiReplies;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import ua.vikno.config.ConsoleUser;

/**
 * {@code POST /api/session} logs in ({@code {"login", "password"}}: 200 with the user and a CSRF token, 401 for a
 * wrong login or password, 429 while locked out, 503 when too many checks run or the failed-login counts in Redis
 * cannot be read or written), {@code GET /api/session} tells who is logged in and {@code DELETE /api/session} logs
 * out.
 */
public final class LoginRoutes {
    public static final String PATH = "/api/session";
    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
    private static final int MAX_FIELD = 200;

    private final Map<String, ConsoleUser> users;
    private final PasswordVerifier passwords;
    private final LoginThrottle throttle;
    private final EventBus bus;
    private final SessionHandler sessions;
    private final SecureRandom random = new SecureRandom();

    private final Counter logins;
    private final Counter failures;
    private final Counter lockouts;

    /**
     * @param sessions the console's session handler: a login or logout is answered only once the session store
     *                 has it, so the next request (on any node) sees it
     */
    public LoginRoutes(List<ConsoleUser> users, PasswordVerifier passwords, LoginThrottle throttle, EventBus bus,
                       SessionHandler sessions, MeterRegistry meters) {
        this.sessions = sessions;
        this.logins = Counter.builder("vikno.console.logins").description("successful console logins").register(meters);
        this.failures = Counter.builder("vikno.console.login.failures").description("refused console passwords")
                .register(meters);
        this.lockouts = Counter.builder("vikno.console.login.lockouts")
                .description("console login lockouts started (login and address)").register(meters);
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
                || password.length() > MAX_FIELD || login.chars().anyMatch(Character::isISOControl)) {
            ApiReplies.error(ctx, 400, "send {\"login\": ..., \"password\": ...}");
            return;
        }
        String address = ctx.request().remoteAddress().hostAddress();
        authenticate(login, password, address).onComplete(ar -> {
            if (ar.succeeded()) {
                ConsoleSession session = ConsoleSession.of(ar.result(), token());
                ctx.session().regenerateId();
                session.store(ctx.session());
                sessions.flush(ctx, true).onComplete(stored -> {
                    if (stored.failed()) {
                        LOG.atWarn().addKeyValue("login", session.login())
                                .log("console login not stored: {}", stored.cause().toString());
                        ApiReplies.error(ctx, 503, "logins are unavailable for a moment (Redis): try again");
                        return;
                    }
                    logins.increment();
                    LOG.atInfo().addKeyValue("login", session.login()).addKeyValue("address", address)
                            .log("console login");
                    ApiReplies.json(ctx, 200, session.toJson());
                });
            } else if (ar.cause() instanceof LoginFailure.LockedOut locked) {
                long seconds = Math.max(1, locked.retryAfter().toSeconds());
                ctx.response().putHeader("retry-after", String.valueOf(seconds));
                ApiReplies.json(ctx, 429, new JsonObject().put("error", locked.getMessage()).put("status", 429)
                        .put("retryAfterSeconds", seconds));
            } else if (ar.cause() instanceof LoginFailure.WrongCredentials wrong) {
                ApiReplies.error(ctx, 401, wrong.getMessage());
            } else if (ar.cause() instanceof LoginFailure.Busy busy) {
                ctx.response().putHeader("retry-after", "1");
                ApiReplies.error(ctx, 503, busy.getMessage());
            } else if (ar.cause() instanceof LoginFailure.Unavailable unavailable) {
                LOG.atWarn().addKeyValue("login", login).addKeyValue("address", address)
                        .log("console login refused: the failed-login counts in Redis are unavailable");
                ctx.response().putHeader("retry-after", "5");
                ApiReplies.error(ctx, 503, unavailable.getMessage());
            } else {
                LOG.error("password check failed for {}", login, ar.cause());
                ApiReplies.error(ctx, 500, "internal error");
            }
        });
    }

    /**
     * The user, once the password matches; else a {@link LoginFailure}. A failure the throttle cannot count is
     * answered as {@link LoginFailure.Unavailable}, not as a wrong password, so no guess goes uncounted.
     */
    private Future<ConsoleUser> authenticate(String login, String password, String address) {
        Optional<ConsoleUser> user = Optional.ofNullable(users.get(login.toLowerCase(Locale.ROOT)));
        return throttle.lockedFor(login, address)
                .compose(locked -> locked.isPresent()
                        ? Future.<Boolean>failedFuture(new LoginFailure.LockedOut(locked.get()))
                        : passwords.verify(password, user.map(ConsoleUser::passwordHash)))
                .compose(matches -> matches ? throttle.onSuccess(login, address).map(v -> user.get())
                        : refuse(login, address));
    }

    private Future<ConsoleUser> refuse(String login, String address) {
        failures.increment();
        return throttle.onFailure(login, address).compose(lockout -> {
            if (lockout.filter(LoginThrottle.Lockout::startedNow).isPresent()) {
                lockouts.increment();
            }
            LOG.atWarn().addKeyValue("login", login).addKeyValue("address", address)
                    .log(lockout.isPresent() ? "console login failed; locked out" : "console login failed");
            return Future.failedFuture(lockout.<LoginFailure>map(l -> new LoginFailure.LockedOut(l.retryAfter()))
                    .orElseGet(LoginFailure.WrongCredentials::new));
        });
    }

    private void logout(RoutingContext ctx) {
        String id = ctx.session().id();
        ConsoleSession.of(ctx).ifPresent(s -> LOG.atInfo().addKeyValue("login", s.login()).log("console logout"));
        ctx.session().destroy();
        sessions.flush(ctx, true).onComplete(ended -> {
            if (ended.failed()) {
                ApiReplies.error(ctx, 503, "logout not stored (Redis away): try again");
                return;
            }
            bus.publish(ConsoleAddresses.SESSION_ENDED, id);
            ApiReplies.json(ctx, 200, new JsonObject().put("loggedOut", true));
        });
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
