package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;

class PendingAppealsTest {
    static final Instant ENDED = Instant.parse("2026-03-02T09:15:30.250Z");

    Vertx vertx;
    Path dir;
    PendingAppeals spool;

    @BeforeEach
    void open(@TempDir Path data) {
        vertx = Vertx.vertx();
        dir = data.resolve("pending-appeals");
        spool = new PendingAppeals(vertx, dir);
    }

    @AfterEach
    void close() throws Exception {
        spool.close();
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static CompletedCall answered(String id, Instant ended) {
        return new CompletedCall(id, "+380671234567", "+380444960000", ended.minusSeconds(95),
                Optional.of(ended.minusSeconds(60)), ended, "main>1>2", List.of("Водопостачання", "Гаряча вода"),
                Optional.of("water"), Optional.of("210"), Duration.ofMillis(4200), Duration.ofSeconds(60),
                Optional.of("/data/recordings/2026/03/02/" + id + ".mp3"), "normal", AppealKind.ANSWERED);
    }

    static CompletedCall missed(String id, Instant ended) {
        return new CompletedCall(id, "+380501110002", "+380444960000", ended.minusSeconds(20), Optional.empty(),
                ended, "", List.of(), Optional.empty(), Optional.empty(), Duration.ZERO, Duration.ZERO,
                Optional.empty(), "caller_abandoned", AppealKind.ABANDONED);
    }

    List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Nested
    class Writing {
        @Test
        void aWrittenCallReadsBackWithEveryField() throws Exception {
            CompletedCall call = answered("c-1a2b3c", ENDED);
            await(spool.write(call));
            assertThat(await(spool.readAll())).containsExactly(call);
        }

        @Test
        void aCallWithoutOptionalPartsReadsBackAsItWas() throws Exception {
            CompletedCall call = missed("c-missed", ENDED);
            await(spool.write(call));
            assertThat(await(spool.readAll())).containsExactly(call);
        }

        @Test
        void theFileIsNamedAfterTheCallAndNoTemporaryFileIsLeft() throws Exception {
            await(spool.write(answered("c-1a2b3c", ENDED)));
            assertThat(files()).containsExactly("c-1a2b3c.json");
        }

        @Test
        void writingTheSameCallAgainKeepsOneFile() throws Exception {
            await(spool.write(missed("c-twice", ENDED)));
            await(spool.write(answered("c-twice", ENDED)));
            assertThat(files()).containsExactly("c-twice.json");
            assertThat(await(spool.readAll())).containsExactly(answered("c-twice", ENDED));
        }

        @Test
        void aSipCallIdWithAnyCharacterGetsASafeFileNameAndReadsBack() throws Exception {
            CompletedCall call = missed("a84b4c76e66710/../x@pc33.atlanta.com:5060", ENDED);
            await(spool.write(call));
            assertThat(files()).singleElement().asString().doesNotContain("/").endsWith(".json");
            assertThat(await(spool.readAll())).containsExactly(call);
            await(spool.delete(call.callId()));
            assertThat(files()).isEmpty();
        }
    }

    @Nested
    class Reading {
        @Test
        void nothingIsPendingWhenTheDirectoryDoesNotExist() throws Exception {
            assertThat(await(spool.readAll())).isEmpty();
        }

        @Test
        void callsComeOldestEndFirst() throws Exception {
            await(spool.write(missed("c-b", ENDED.plusSeconds(5))));
            await(spool.write(missed("c-c", ENDED.minusSeconds(30))));
            await(spool.write(missed("c-a", ENDED)));
            assertThat(await(spool.readAll())).extracting(CompletedCall::callId).containsExactly("c-c", "c-a", "c-b");
        }

        @Test
        void aTemporaryFileHoldingAWholeCallIsTaken() throws Exception {
            CompletedCall call = answered("c-renamed-never", ENDED);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("c-renamed-never.json.tmp"), call.toJson().encode());
            assertThat(await(spool.readAll())).containsExactly(call);
            assertThat(files()).containsExactly("c-renamed-never.json");
        }
    }

    @Nested
    class Deleting {
        @Test
        void aDeletedCallIsNoLongerPending() throws Exception {
            await(spool.write(missed("c-1", ENDED)));
            await(spool.write(missed("c-2", ENDED)));
            await(spool.delete("c-1"));
            assertThat(await(spool.readAll())).extracting(CompletedCall::callId).containsExactly("c-2");
            assertThat(files()).containsExactly("c-2.json");
        }

        @Test
        void deletingACallThatWasNeverWrittenDoesNothing() throws Exception {
            await(spool.delete("c-never"));
            assertThat(await(spool.readAll())).isEmpty();
        }
    }

    @Nested
    class Closing {
        @Test
        void aClosedSpoolFailsAWriteInsteadOfThrowing() throws Exception {
            spool.close();
            Future<Void> write = spool.write(missed("c-late", ENDED));
            assertThat(write.failed()).isTrue();
            assertThat(write.cause()).hasMessageContaining("closed");
            spool.close();
        }
    }

    @Nested
    class CorruptFiles {
        @Test
        void aFileThatIsNotJsonIsMovedAsideAndTheOthersAreRead() throws Exception {
            await(spool.write(missed("c-good", ENDED)));
            Files.writeString(dir.resolve("c-garbage.json"), "{\"callId\":\"c-garbage\",\"caller\":\"+3806", StandardCharsets.UTF_8);
            assertThat(await(spool.readAll())).extracting(CompletedCall::callId).containsExactly("c-good");
            assertThat(files()).containsExactly("c-garbage.json.bad", "c-good.json");
        }

        @Test
        void anEmptyFileIsMovedAside() throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("c-empty.json"), "");
            assertThat(await(spool.readAll())).isEmpty();
            assertThat(files()).containsExactly("c-empty.json.bad");
        }

        @Test
        void jsonWithoutTheCallsFieldsIsMovedAside() throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("c-half.json"), "{\"callId\":\"c-half\",\"caller\":\"+380671234567\"}");
            assertThat(await(spool.readAll())).isEmpty();
            assertThat(files()).containsExactly("c-half.json.bad");
        }

        @Test
        void aFileHoldingAnotherCallIsMovedAside() throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("c-mine.json"), missed("c-theirs", ENDED).toJson().encode());
            assertThat(await(spool.readAll())).isEmpty();
            assertThat(files()).containsExactly("c-mine.json.bad");
        }

        @Test
        void aPartialTemporaryFileIsMovedAside() throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("c-cut.json.tmp"), "{\"callId\":\"c-cut\",\"cal");
            assertThat(await(spool.readAll())).isEmpty();
            assertThat(files()).containsExactly("c-cut.json.tmp.bad");
        }

        @Test
        void aSecondBadFileOfTheSameNameDoesNotReplaceTheFirst() throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("c-bad.json"), "first");
            await(spool.readAll());
            Files.writeString(dir.resolve("c-bad.json"), "second");
            await(spool.readAll());
            assertThat(files()).containsExactly("c-bad.json.1.bad", "c-bad.json.bad");
            assertThat(Files.readString(dir.resolve("c-bad.json.bad"))).isEqualTo("first");
        }
    }
}
