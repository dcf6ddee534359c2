package ua.vikno.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ua.vikno.config.Prompt;
import ua.vikno.ivr.prompt.AudioConverter;
import ua.vikno.ivr.prompt.PromptException;
import ua.vikno.ivr.prompt.PromptLibrary;
import ua.vikno.ivr.prompt.PromptProblem;
import ua.vikno.ivr.prompt.Worker;
import ua.vikno.pbx.AudioPrompt;

/**
 * Greetings and other prompts for the administrator: {@code GET /api/prompts} (each with its length and maximum),
 * {@code GET /api/prompts/{id}/audio} (the converted 8 kHz WAV the callers hear, for a preview player) and
 * {@code POST /api/prompts/{id}} with the file as the body (any format ffmpeg reads: WAV, MP3, OGG, FLAC, M4A...),
 * converted by JAVE2 and refused with its length when it is longer than the prompt's {@code max-length}. An accepted
 * upload plays from the next call on and is kept in {@code uploads} (beside the recordings), where it replaces
 * the configured file at the next start too.
 */
final class PromptRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PromptRoutes.class);
    static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

    private final Vertx vertx;
    private final Map<String, Prompt> configured;
    private final PromptLibrary library;
    private final Path cache;
    private final Path uploads;
    private final AudioConverter converter;
    private final Worker worker;

    PromptRoutes(Vertx vertx, Map<String, Prompt> configured, PromptLibrary library, Path cache, Path uploads,
                 AudioConverter converter, Worker worker) {
        this.vertx = vertx;
        this.configured = configured;
        this.library = library;
        this.cache = cache;
        this.uploads = uploads;
        this.converter = converter;
        this.worker = worker;
    }

    /** The configured prompts, each with the file an administrator uploaded for it instead, if any (blocking). */
    static Map<String, Prompt> withUploads(Map<String, Prompt> configured, Path uploads) throws IOException {
        Map<String, Prompt> out = new LinkedHashMap<>(configured);
        for (Prompt p : configured.values()) {
            uploaded(uploads, p.id()).ifPresent(file -> out.put(p.id(), new Prompt(p.id(), file, p.maxLength())));
        }
        return out;
    }

    private static Optional<Path> uploaded(Path uploads, String id) throws IOException {
        if (!Files.isDirectory(uploads)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(uploads)) {
            return files.filter(f -> f.getFileName().toString().startsWith(id + ".")
                    && !f.getFileName().toString().endsWith(".part")).findFirst();
        }
    }

    void mount(Router router) {
        router.get("/api/prompts").handler(this::list);
        router.get("/api/prompts/:id/audio").handler(this::audio);
        router.post("/api/prompts/:id").handler(BodyHandler.create(false).setBodyLimit(MAX_UPLOAD_BYTES))
                .handler(this::upload);
    }

    private void list(RoutingContext ctx) {
        worker.run(() -> {
            JsonArray items = new JsonArray();
            for (Prompt p : configured.values()) {
                JsonObject item = new JsonObject().put("id", p.id()).put("maxLengthMs", p.maxLength().toMillis())
                        .put("uploaded", uploaded(uploads, p.id()).isPresent());
                Optional<AudioPrompt> audio = library.find(p.id());
                if (audio.isPresent()) {
                    item.put("lengthMs", length(audio.get().file()).toMillis());
                }
                items.add(item);
            }
            return new JsonObject().put("prompts", items).put("maxUploadBytes", MAX_UPLOAD_BYTES);
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                ApiReplies.json(ctx, 200, ar.result());
            } else {
                ApiReplies.error(ctx, 500, "prompts could not be read: " + ar.cause().getMessage());
            }
        });
    }

    private void audio(RoutingContext ctx) {
        Optional<AudioPrompt> prompt = library.find(ctx.pathParam("id"));
        if (prompt.isEmpty()) {
            ApiReplies.error(ctx, 404, "no prompt '" + ctx.pathParam("id") + "'");
            return;
        }
        ctx.response().putHeader("content-type", "audio/wav").putHeader("cache-control", "no-store")
                .sendFile(prompt.get().file().toString());
    }

    private void upload(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Prompt prompt = configured.get(id);
        if (prompt == null) {
            ApiReplies.error(ctx, 404, "no prompt '" + id + "' is configured");
            return;
        }
        if (ctx.body().length() == 0) {
            ApiReplies.error(ctx, 400, "the request body must be the audio file");
            return;
        }
        String extension = extension(ctx.request().getHeader("x-file-name"));
        Path received = uploads.resolve(id + "." + UUID.randomUUID() + "." + extension + ".part");
        byte[] bytes = ctx.body().buffer().getBytes();
        worker.run(() -> {
            Files.createDirectories(uploads);
            Files.write(received, bytes);
            return received;
        }).compose(file -> library.replace(new Prompt(id, file, prompt.maxLength()), cache, converter, worker))
                .compose(ready -> worker.run(() -> keep(id, received, extension, ready)))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        LOG.info("prompt {} replaced by an upload of {} bytes", id, bytes.length);
                        ApiReplies.json(ctx, 200, ar.result());
                        return;
                    }
                    vertx.executeBlocking(() -> Files.deleteIfExists(received), false);
                    refused(ctx, prompt, ar.cause());
                });
    }

    /** Keeps the accepted upload as the prompt's file (replacing an earlier upload) and describes the result. */
    private JsonObject keep(String id, Path received, String extension, AudioPrompt ready) throws IOException {
        try (Stream<Path> files = Files.list(uploads)) {
            for (Path old : files.filter(f -> f.getFileName().toString().startsWith(id + ".")
                    && !f.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(old);
            }
        }
        Files.move(received, uploads.resolve(id + "." + extension), StandardCopyOption.REPLACE_EXISTING);
        return new JsonObject().put("id", id).put("uploaded", true).put("lengthMs", length(ready.file()).toMillis())
                .put("maxLengthMs", configured.get(id).maxLength().toMillis());
    }

    private static void refused(RoutingContext ctx, Prompt prompt, Throwable cause) {
        if (cause instanceof PromptException e && !e.problems().isEmpty()) {
            PromptProblem problem = e.problems().get(0);
            if (problem instanceof PromptProblem.TooLong tooLong) {
                ApiReplies.json(ctx, 422, new JsonObject().put("status", 422).put("problem", "too-long")
                        .put("lengthMs", tooLong.length().toMillis()).put("maxLengthMs", tooLong.max().toMillis())
                        .put("error", String.format(Locale.ROOT, "%s: the recording lasts %.1f s, this prompt allows at most %d s",
                                prompt.id(), tooLong.length().toMillis() / 1000.0, tooLong.max().toSeconds())));
                return;
            }
            ApiReplies.json(ctx, 415, new JsonObject().put("status", 415).put("problem", "unconvertible")
                    .put("error", prompt.id() + ": the file is not audio that can be converted (WAV, MP3, OGG, FLAC, M4A...)"));
            return;
        }
        LOG.warn("prompt {} upload failed: {}", prompt.id(), cause.toString());
        ApiReplies.error(ctx, 500, "the upload could not be stored");
    }

    /** A safe extension from the uploaded file's name ({@code Привітання.MP3} -> {@code mp3}), else {@code bin}. */
    static String extension(String fileName) {
        if (fileName == null) {
            return "bin";
        }
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,5}") ? ext : "bin";
    }

    private static Duration length(Path wav) throws IOException {
        try {
            AudioFileFormat f = AudioSystem.getAudioFileFormat(wav.toFile());
            return Duration.ofMillis(Math.round(f.getFrameLength() * 1000.0 / f.getFormat().getFrameRate()));
        } catch (UnsupportedAudioFileException e) {
            return Duration.ZERO;
        }
    }
}
