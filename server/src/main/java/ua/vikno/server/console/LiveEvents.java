package ua.vikno.server.console;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * {@code GET /api/events}: a Server-Sent Events stream (HTML Living Standard, "Server-sent events") of
 * {@link AppealEvent}s for a logged-in user, {@code event: appeal} with the event as JSON; {@code event: call}
 * with an {@link IncomingCall} that rings the user's own line, through whichever node ({@link IncomingCallRelay}); {@code event: resync} when appeal changes may have
 * been missed (the browser rereads what it shows); and a comment line as
 * a heartbeat every {@value #HEARTBEAT_MS} ms. A stream ends when its session logs out or expires (checked at
 * each heartbeat; not while the session store is unreachable).
 */
public final class LiveEvents {
    public static final String PATH = "/api/events";
    static final long HEARTBEAT_MS = 20_000;

    private final Vertx vertx;
    private final SessionStore sessions;
    private final Map<String, Set<HttpServerResponse>> bySession = new HashMap<>();

    public LiveEvents(Vertx vertx, SessionStore sessions) {
        this.vertx = vertx;
        this.sessions = sessions;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::open);
        vertx.eventBus().<String>localConsumer(ConsoleAddresses.SESSION_ENDED, m -> closeSession(m.body()));
    }

    private void open(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        String session = ctx.session().id();
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store").putHeader("x-accel-buffering", "no");
        response.write("retry: 3000\n\n");
        MessageConsumer<AppealEvent> consumer = vertx.eventBus().localConsumer(ConsoleAddresses.APPEAL_EVENTS,
                m -> send(response, "event: appeal\ndata: " + m.body().toJson().encode() + "\n\n"));
        MessageConsumer<String> resync = vertx.eventBus().localConsumer(ConsoleAddresses.APPEALS_RESYNC,
                m -> send(response, "event: resync\ndata: {}\n\n"));
        java.util.Optional<String> line = ConsoleSession.of(ctx).flatMap(ConsoleSession::line);
        MessageConsumer<IncomingCall> calls = vertx.eventBus().localConsumer(
                ConsoleAddresses.INCOMING_CALLS_EVERYWHERE, m -> {
                    if (line.isPresent() && line.get().equals(m.body().line())) {
                        send(response, "event: call\ndata: " + m.body().toJson().encode() + "\n\n");
                    }
                });
        // the stream ends when its session is known to be gone; while the store cannot say (Redis away) it goes on
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> sessions.get(session).onComplete(ar -> {
            if (ar.succeeded() && ar.result() == null) {
                response.end().onFailure(e -> { });
            } else {
                send(response, ": heartbeat\n\n");
            }
        }));
        synchronized (bySession) {
            bySession.computeIfAbsent(session, k -> new HashSet<>()).add(response);
        }
        // a stream ends by the client going away (close) or by us ending it (end, after which close may not come):
        // either way, once, everything it held is given back
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            vertx.cancelTimer(heartbeat);
            consumer.unregister();
            resync.unregister();
            calls.unregister();
            synchronized (bySession) {
                Set<HttpServerResponse> open = bySession.get(session);
                if (open != null && open.remove(response) && open.isEmpty()) {
                    bySession.remove(session);
                }
            }
        };
        response.closeHandler(v -> release.run());
        response.endHandler(v -> release.run());
    }

    /** Writes unless the client has gone; a stream that is closing just drops the event. */
    private static void send(HttpServerResponse response, String text) {
        if (!response.closed() && !response.ended()) {
            response.write(text).onFailure(e -> { });
        }
    }

    private void closeSession(String session) {
        Set<HttpServerResponse> open;
        synchronized (bySession) {
            open = bySession.remove(session);
        }
        if (open != null) {
            open.forEach(r -> r.end().onFailure(e -> { }));
        }
    }
}
