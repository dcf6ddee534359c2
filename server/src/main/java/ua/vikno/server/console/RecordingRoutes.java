package ua.vikno.server.console;

import ua.vikno.server.internal.ApiReplies;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ua.vikno.appeals.AppealFailure;
import ua.vikno.appeals.AppealService;

/**
 * {@code GET /api/appeals/{number}/recording}: the appeal's call recording from the recording directory, with
 * byte ranges (RFC 9110, section 14) so that a browser's audio element can seek. 404 when there is none.
 */
public final class RecordingRoutes {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Vertx vertx;
    private final Path directory;
    private final java.util.function.Supplier<AppealService> appeals;

    public RecordingRoutes(Vertx vertx, Path directory, java.util.function.Supplier<AppealService> appeals) {
        this.vertx = vertx;
        this.directory = directory.toAbsolutePath().normalize();
        this.appeals = appeals;
    }

    public void mount(Router router) {
        router.get("/api/appeals/:number/recording").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        appeals.get().get(ctx.pathParam("number")).onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, ar.cause() instanceof AppealFailure.NotFound ? 404 : 500,
                        ar.cause() instanceof AppealFailure.NotFound ? ar.cause().getMessage() : "internal error");
                return;
            }
            if (ar.result().recording().isEmpty()) {
                ApiReplies.error(ctx, 404, "appeal " + ar.result().number() + " has no recording");
                return;
            }
            Path file = directory.resolve(ar.result().recording().get()).normalize();
            if (!file.startsWith(directory)) {
                ApiReplies.error(ctx, 404, "the recording is outside the recording directory");
                return;
            }
            vertx.fileSystem().props(file.toString()).onComplete(props -> {
                if (props.failed() || !props.result().isRegularFile()) {
                    ApiReplies.error(ctx, 404, "the recording file is missing");
                    return;
                }
                send(ctx, file, props.result().size());
            });
        });
    }

    private static void send(RoutingContext ctx, Path file, long size) {
        ctx.response().putHeader("content-type", contentType(file)).putHeader("accept-ranges", "bytes")
                .putHeader("cache-control", "private, max-age=3600");
        String range = ctx.request().getHeader("range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            ctx.response().sendFile(file.toString());
            return;
        }
        long start;
        long end;
        if (m.group(1).isEmpty()) {
            start = Math.max(0, size - Long.parseLong(m.group(2)));
            end = size - 1;
        } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (start >= size || end < start) {
            ctx.response().setStatusCode(416).putHeader("content-range", "bytes */" + size).end();
            return;
        }
        ctx.response().setStatusCode(206).putHeader("content-range", "bytes " + start + "-" + end + "/" + size)
                .sendFile(file.toString(), start, end - start + 1);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".mp3") ? "audio/mpeg" : name.endsWith(".opus") || name.endsWith(".ogg") ? "audio/ogg"
                : name.endsWith(".wav") ? "audio/wav" : "application/octet-stream";
    }
}
