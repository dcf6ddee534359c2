package ua.vikno.server.console;

import ua.vikno.server.internal.ApiReplies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Stands in front of every {@code /api} route: 401 without a logged-in session, 403 when the user's roles do not
 * allow the path ({@link ApiAccess}), 403 when a state-changing request lacks the session's CSRF token in the
 * {@value #CSRF_HEADER} header. Logging in ({@code POST /api/session}) is the one call allowed without a session.
 */
public final class ApiGuard implements Handler<RoutingContext> {
    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        if (path.equals(LoginRoutes.PATH) && method.equals(HttpMethod.POST)) {
            ctx.next();
            return;
        }
        Optional<ConsoleSession> user = ConsoleSession.of(ctx);
        if (user.isEmpty()) {
            ApiReplies.error(ctx, 401, "log in first");
            return;
        }
        if (!ApiAccess.allows(user.get().roles(), path)) {
            ApiReplies.error(ctx, 403, "your role may not use " + path);
            return;
        }
        if (changesState(method) && !tokenMatches(ctx.request().getHeader(CSRF_HEADER), user.get().csrfToken())) {
            ApiReplies.error(ctx, 403, "missing or wrong " + CSRF_HEADER + " header");
            return;
        }
        ctx.next();
    }

    private static boolean changesState(HttpMethod method) {
        return !(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS));
    }

    private static boolean tokenMatches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
