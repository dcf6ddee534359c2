package ua.vikno.server.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import ua.vikno.config.Network;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;

/** The HTTP listener of the REST API, console, {@code /health} and {@code /metrics}. */
public final class HttpComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(HttpComponent.class);

    private final Vertx vertx;
    private final Network.Http settings;
    private final Router router;
    private HttpServer server;

    public HttpComponent(Vertx vertx, Network.Http settings, Router router) {
        this.vertx = vertx;
        this.settings = settings;
        this.router = router;
        router.route("/api/*").failureHandler(this::apiFailure);
    }

    /**
     * A route of the API that failed answers in the API's JSON shape (a 413 from a body limit, a 500 from a bug)
     * instead of Vert.x's plain text, and a 500 is logged with its cause.
     */
    private void apiFailure(io.vertx.ext.web.RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (status == 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        if (ctx.failure() instanceof io.vertx.ext.web.handler.HttpException e && e.getPayload() != null) {
            ApiReplies.error(ctx, status, e.getPayload());
            return;
        }
        ApiReplies.error(ctx, status, switch (status) {
            case 400 -> "bad request";
            case 401 -> "login required";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 415 -> "unsupported media type";
            default -> status >= 500 ? "internal error" : "request refused";
        });
    }

    @Override
    public String name() {
        return "http";
    }

    /** The bound port (useful when the configuration asked for port 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<Void> start() {
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(settings.port(), settings.bind())
                .recover(e -> Future.failedFuture(new IllegalStateException("cannot listen for HTTP on "
                        + settings.bind() + ":" + settings.port() + ": " + RedisComponent.rootMessage(e))))
                .map(s -> {
                    server = s;
                    LOG.info("HTTP listening on {}:{}", settings.bind(), s.actualPort());
                    return null;
                });
    }

    @Override
    public Future<Void> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        HttpServer s = server;
        server = null;
        return s.close().otherwiseEmpty();
    }

    @Override
    public Future<ComponentHealth> health() {
        return Future.succeededFuture(server == null
                ? ComponentHealth.down(Map.of("error", "not listening"))
                : ComponentHealth.up(Map.of("address", settings.bind() + ":" + server.actualPort())));
    }
}
