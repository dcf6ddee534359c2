package ua.vikno.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static ua.vikno.recorder.RecorderFixture.OPERATOR;
import static ua.vikno.recorder.RecorderFixture.SECOND;
import static ua.vikno.recorder.RecorderFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ua.vikno.config.Recording;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.recorder.internal.Checksums;

class CallRecorderTest {
    @TempDir
    Path dir;
    RecorderFixture fx;

    @BeforeEach
    void setUp() {
        fx = new RecorderFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** Bridges the call, plays {@code seconds} of 440 Hz from the caller and 1000 Hz from the callee, hangs up. */
    static StoredRecording converse(CallRecorder recorder, FakeCall call, int seconds) {
        var stored = recorder.record(call);
        call.answerNow();
        call.bridgeTo(OPERATOR);
        call.talk(seconds * SECOND, FakeCall.tone(440), FakeCall.tone(1000));
        call.hangUp();
        return await(stored).orElseThrow();
    }

    static void assertCallerLeftCalleeRight(Audio.Stereo audio) {
        // Skip the first and last 200 ms (encoder delay and padding), measure the middle.
        int from = 1600;
        int to = audio.left().length - 1600;
        assertThat(to - from).isGreaterThan(8000);
        double left440 = Audio.goertzel(audio.left(), from, to, 440, 8000);
        double left1000 = Audio.goertzel(audio.left(), from, to, 1000, 8000);
        double right440 = Audio.goertzel(audio.right(), from, to, 440, 8000);
        double right1000 = Audio.goertzel(audio.right(), from, to, 1000, 8000);
        assertThat(left440).as("440 Hz dominates the left channel").isGreaterThan(100 * left1000);
        assertThat(right1000).as("1000 Hz dominates the right channel").isGreaterThan(100 * right440);
    }

    @Nested
    class AnAnsweredCall {
        @Test
        void isStoredAsAValidMp3OfTheCallsDurationAndItsWavIsRemoved() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);

            StoredRecording r = converse(recorder, fx.call("c-mp3"), 3);

            Path mp3 = dir.resolve(r.path());
            assertThat(r.format()).isEqualTo(Recording.Format.MP3);
            assertThat(r.path()).isEqualTo("2026/11/26/c-mp3.mp3");
            Transcoder.Probe probe = fx.jave.probe(mp3);
            assertThat(probe.container()).isEqualTo("mp3");
            assertThat(probe.channels()).isEqualTo(2);
            assertThat(probe.duration().toMillis() / 1000.0).isCloseTo(3.0, within(0.5));
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav"))).isEmpty();
            }
        }

        @Test
        void hasTheCallerOnTheLeftChannelAndTheCalleeOnTheRight() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);

            StoredRecording r = converse(recorder, fx.call("c-channels"), 3);

            Audio.Stereo decoded = fx.decode(dir.resolve(r.path()));
            assertThat(decoded.seconds()).isCloseTo(3.0, within(0.5));
            assertCallerLeftCalleeRight(decoded);
        }

        @Test
        void isStoredAsOpusWhenConfigured() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.OPUS);

            StoredRecording r = converse(recorder, fx.call("c-opus"), 3);

            Path opus = dir.resolve(r.path());
            assertThat(r.path()).endsWith(".opus");
            Transcoder.Probe probe = fx.jave.probe(opus);
            assertThat(probe.container()).isEqualTo("ogg");
            assertThat(probe.channels()).isEqualTo(2);
            assertThat(probe.duration().toMillis() / 1000.0).isCloseTo(3.0, within(0.5));
            Audio.Stereo decoded = fx.decode(opus);
            assertThat(decoded.seconds()).isCloseTo(3.0, within(0.5));
            assertCallerLeftCalleeRight(decoded);
        }

        @Test
        void hasItsRecordingNotedBeforeTheCallRecordIsPublished() {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);
            FakeCall call = fx.call("c-note");

            StoredRecording r = converse(recorder, call, 1);

            CallEvent.Ended ended = (CallEvent.Ended) call.events().get(call.events().size() - 1);
            assertThat(ended.record().notes()).containsEntry(CallNotes.RECORDING, r.path());
        }

        @Test
        void isRecordedFromTheBridgeWhenTheIvrIsNotIncluded() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.WAV);
            FakeCall call = fx.call("c-from-bridge");
            var stored = recorder.record(call);

            call.answerNow();
            call.talk(SECOND, FakeCall.tone(440), FakeCall.nothing());
            call.bridgeTo(OPERATOR);
            call.talk(2 * SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            StoredRecording r = await(stored).orElseThrow();
            assertThat(r.duration()).isEqualTo(Duration.ofSeconds(2));
            assertThat(Audio.read(dir.resolve(r.path())).frameLength()).isEqualTo(16000);
        }

        @Test
        void isRecordedFromTheAnswerWhenTheIvrIsIncluded() throws Exception {
            CallRecorder recorder = fx.recorder(RecorderFixture.config(dir, Recording.Format.WAV, true),
                    RecorderFixture.settings(), fx.jave, d -> Long.MAX_VALUE);
            FakeCall call = fx.call("c-with-ivr");
            var stored = recorder.record(call);

            call.answerNow();
            call.talk(SECOND, FakeCall.tone(440), FakeCall.nothing());
            call.bridgeTo(OPERATOR);
            call.talk(2 * SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            StoredRecording r = await(stored).orElseThrow();
            assertThat(r.duration()).isEqualTo(Duration.ofSeconds(3));
            assertThat(r.operator()).contains("210");
        }

        @Test
        void alreadyBridgedWhenHandedToTheRecorderIsRecordedAtOnce() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.WAV);
            FakeCall call = fx.call("c-late");
            call.bridgeTo(OPERATOR);

            var stored = recorder.record(call);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            assertThat(await(stored).orElseThrow().duration()).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void bridgedAgainAfterAnUnbridgeStaysOneRecordingWithTheLastOperator() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.WAV);
            FakeCall call = fx.call("c-transfer");
            var stored = recorder.record(call);

            call.bridgeTo(OPERATOR);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.unbridge();
            call.talk(SECOND, FakeCall.tone(440), FakeCall.nothing());
            call.bridgeTo(ua.vikno.pbx.Party.line("211", "Петро"));
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            StoredRecording r = await(stored).orElseThrow();
            assertThat(r.duration()).isEqualTo(Duration.ofSeconds(3));
            assertThat(r.operator()).contains("211");
            Audio.Stereo wav = Audio.read(dir.resolve(r.path()));
            assertThat(Audio.rms(wav.right(), 8000, 16000)).isZero();
        }

        @Test
        void thatIsNeverBridgedIsNotRecorded() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);
            FakeCall call = fx.call("c-ivr-only");
            var stored = recorder.record(call);

            call.answerNow();
            call.talk(SECOND, FakeCall.tone(440), FakeCall.nothing());
            call.hangUp();

            assertThat(await(stored)).isEmpty();
            assertThat(call.notes().get(CallNotes.RECORDING)).isEmpty();
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Nested
    class MissingAudio {
        @Test
        void aLegThatSendsNothingIsSilenceOnItsChannel() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.WAV);
            FakeCall call = fx.call("c-one-sided");
            var stored = recorder.record(call);

            call.bridgeTo(OPERATOR);
            call.talk(2 * SECOND, FakeCall.tone(440), FakeCall.nothing());
            call.hangUp();

            Audio.Stereo wav = Audio.read(dir.resolve(await(stored).orElseThrow().path()));
            assertThat(wav.frameLength()).isEqualTo(16000);
            assertThat(Audio.rms(wav.right(), 0, 16000)).isZero();
            assertThat(Audio.rms(wav.left(), 0, 16000)).isGreaterThan(5000);
        }

        @Test
        void lostFramesAreSilenceAndKeepBothChannelsAligned() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.WAV);
            FakeCall call = fx.call("c-lossy");
            var stored = recorder.record(call);

            call.bridgeTo(OPERATOR);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.lose(SECOND / 2);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            Audio.Stereo wav = Audio.read(dir.resolve(await(stored).orElseThrow().path()));
            assertThat(wav.frameLength()).isEqualTo(20000);
            assertThat(Audio.rms(wav.left(), 8000, 12000)).isZero();
            assertThat(Audio.rms(wav.right(), 8000, 12000)).isZero();
            assertThat(Audio.rms(wav.left(), 12000, 20000)).isGreaterThan(5000);
            assertThat(Audio.rms(wav.right(), 12000, 20000)).isGreaterThan(5000);
        }

        @Test
        void aWriterThatFallsBehindDropsAndCountsFramesButKeepsTheCallsLength() throws Exception {
            RecorderSettings tiny = RecorderFixture.settings().withQueueFrames(10);
            CallRecorder recorder = fx.recorder(RecorderFixture.config(dir, Recording.Format.WAV, false), tiny,
                    fx.jave, d -> Long.MAX_VALUE);
            FakeCall call = fx.call("c-slow-disk");
            var stored = recorder.record(call);

            call.bridgeTo(OPERATOR);
            call.talk(3 * SECOND, FakeCall.tone(440), FakeCall.tone(1000)); // 3 s at once: faster than any writer
            call.hangUp();

            StoredRecording r = await(stored).orElseThrow();
            assertThat(recorder.health().droppedFrames()).isGreaterThan(0);
            assertThat(Audio.read(dir.resolve(r.path())).frameLength()).isEqualTo(24000);
        }
    }

    @Nested
    class Metadata {
        @Test
        void isInRedisWithThePartiesDurationSizeAndTheFilesChecksum() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);

            StoredRecording r = converse(recorder, fx.call("c-meta"), 2);

            Path mp3 = dir.resolve(r.path());
            Map<String, String> hash = fx.redis.sync().hgetall("vikno:{rec}:rec:c-meta");
            assertThat(hash).containsEntry("callId", "c-meta").containsEntry("caller", "+380671234567")
                    .containsEntry("operator", "210").containsEntry("dialled", "0800500123")
                    .containsEntry("startedAt", "2026-11-26T09:00:00Z").containsEntry("durationMs", "2000")
                    .containsEntry("format", "mp3").containsEntry("path", "2026/11/26/c-meta.mp3")
                    .containsEntry("state", "stored")
                    .containsEntry("sizeBytes", String.valueOf(Files.size(mp3)))
                    .containsEntry("sha256", Checksums.sha256(mp3));
            assertThat(hash.get("sha256")).hasSize(64);
            assertThat(fx.redis.sync().zscore("vikno:{rec}:idx:started", "c-meta"))
                    .isEqualTo((double) RecorderFixture.T0.toEpochMilli());
            assertThat(await(recorder.find("c-meta"))).contains(r);
        }

        @Test
        void keepsACallIdThatIsNoFileNameReadable() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);

            StoredRecording r = converse(recorder, fx.call("a84b4c76e66710@pc33.vikno/1"), 1);

            assertThat(r.path()).isEqualTo("2026/11/26/a84b4c76e66710%40pc33.vikno%2F1.mp3");
            assertThat(Files.exists(dir.resolve(r.path()))).isTrue();
            assertThat(fx.redis.sync().hget("vikno:{rec}:rec:a84b4c76e66710@pc33.vikno/1", "path")).isEqualTo(r.path());
        }
    }

    @Nested
    class Retention {
        @Test
        void deletesRecordingsOlderThanTheRetentionWithTheirMetadata() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);
            StoredRecording old = converse(recorder, fx.call("c-old"), 1);
            fx.clock.advance(Duration.ofDays(20));
            StoredRecording recent = converse(recorder, fx.call("c-recent"), 1);

            fx.clock.advance(Duration.ofDays(11)); // c-old is 31 days old, c-recent 11
            int deleted = await(recorder.applyRetention());

            assertThat(deleted).isEqualTo(1);
            assertThat(Files.exists(dir.resolve(old.path()))).isFalse();
            assertThat(await(recorder.find("c-old"))).isEmpty();
            assertThat(fx.redis.sync().zscore("vikno:{rec}:idx:started", "c-old")).isNull();
            assertThat(Files.exists(dir.resolve(recent.path()))).isTrue();
            assertThat(await(recorder.find("c-recent"))).isPresent();
        }

        @Test
        void keepsEverythingYoungerThanTheRetention() {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);
            StoredRecording r = converse(recorder, fx.call("c-young"), 1);

            fx.clock.advance(Duration.ofDays(29));

            assertThat(await(recorder.applyRetention())).isZero();
            assertThat(Files.exists(dir.resolve(r.path()))).isTrue();
        }
    }

    @Nested
    class Health {
        @Test
        void reportsTheDiskFullWhenFreeSpaceIsBelowTheThreshold() {
            CallRecorder recorder = fx.recorder(RecorderFixture.config(dir, Recording.Format.MP3, false),
                    RecorderFixture.settings().withMinFreeBytes(1L << 30), fx.jave, d -> 10L << 20);

            RecorderHealth h = recorder.health();

            assertThat(h.diskFull()).isTrue();
            assertThat(h.usableBytes()).isEqualTo(10L << 20);
            assertThat(h.ok()).isFalse();
        }

        @Test
        void isOkWithRoomOnDiskAndNoFailures() {
            CallRecorder recorder = fx.recorder(RecorderFixture.config(dir, Recording.Format.MP3, false),
                    RecorderFixture.settings().withMinFreeBytes(1L << 30), fx.jave, d -> 5L << 30);
            converse(recorder, fx.call("c-fine"), 1);

            assertThat(recorder.health().ok()).isTrue();
            assertThat(recorder.health().conversionBacklog()).isZero();
            assertThat(recorder.health().activeRecordings()).isZero();
        }
    }

    @Nested
    class Conversions {
        @Test
        void runOnAtMostTheConfiguredNumberOfWorkersAndShowAsBacklog() throws Exception {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
            Transcoder gated = new Transcoder() {
                @Override
                public void encode(Path wav, Path target, Recording.Format format) throws java.io.IOException {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await();
                        fx.jave.encode(wav, target, format);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException();
                    } finally {
                        running.decrementAndGet();
                    }
                }

                @Override
                public Probe probe(Path file) throws java.io.IOException {
                    return fx.jave.probe(file);
                }
            };
            Recording oneWorker = new Recording(true, dir, Recording.Format.MP3, Duration.ofDays(30), false, 1);
            CallRecorder recorder = fx.recorder(oneWorker, RecorderFixture.settings(), gated, d -> Long.MAX_VALUE);
            var first = record(recorder, "c-first");
            var second = record(recorder, "c-second");

            // Both finished WAVs wait for conversion, one is being converted, the other queued behind it.
            RecorderFixture.poll(() -> Optional.of(recorder.health().conversionBacklog())
                    .filter(n -> n == 2 && running.get() == 1));
            release.countDown();

            assertThat(await(first)).isPresent();
            assertThat(await(second)).isPresent();
            assertThat(most.get()).isEqualTo(1);
            assertThat(recorder.health().conversionBacklog()).isZero();
        }

        private io.vertx.core.Future<Optional<StoredRecording>> record(CallRecorder recorder, String id) {
            FakeCall call = fx.call(id);
            var stored = recorder.record(call);
            call.bridgeTo(OPERATOR);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();
            return stored;
        }
    }

    @Nested
    class AFailedWrite {
        @Test
        void endsTheRecordingAndIsReportedWithTheCallId() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);
            Files.writeString(dir.resolve("2026"), "a file where the year's directory should be");
            FakeCall call = fx.call("c-unwritable");
            var stored = recorder.record(call);

            call.bridgeTo(OPERATOR);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            assertThatThrownBy(() -> await(stored)).isInstanceOf(RecorderFailure.WriteFailed.class)
                    .hasMessageContaining("c-unwritable");
            assertThat(recorder.health().writeFailures()).isEqualTo(1);
            assertThat(recorder.health().ok()).isFalse();
            assertThat(recorder.health().activeRecordings()).isZero();
            StoredRecording meta = RecorderFixture.poll(() -> await(recorder.find("c-unwritable"))
                    .filter(m -> m.state() == RecordingState.FAILED));
            assertThat(meta.failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot write"));
        }
    }

    @Nested
    class AFailedConversion {
        @Test
        void keepsTheWavAndIsReportedWithTheCallId() throws Exception {
            Transcoder broken = new Transcoder() {
                @Override
                public void encode(Path wav, Path target, Recording.Format format) throws java.io.IOException {
                    throw new java.io.IOException("encoder crashed");
                }

                @Override
                public Probe probe(Path file) throws java.io.IOException {
                    return fx.jave.probe(file);
                }
            };
            CallRecorder recorder = fx.recorder(RecorderFixture.config(dir, Recording.Format.MP3, false),
                    RecorderFixture.settings(), broken, d -> Long.MAX_VALUE);
            FakeCall call = fx.call("c-broken");
            var stored = recorder.record(call);
            call.bridgeTo(OPERATOR);
            call.talk(2 * SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            call.hangUp();

            assertThatThrownBy(() -> await(stored)).isInstanceOf(RecorderFailure.ConversionFailed.class)
                    .hasMessageContaining("c-broken").hasMessageContaining("encoder crashed");
            Path wav = dir.resolve("2026/11/26/c-broken.recording.wav");
            assertThat(Audio.read(wav).frameLength()).isEqualTo(16000);
            assertThat(dir.resolve("2026/11/26/c-broken.mp3")).doesNotExist();
            assertThat(dir.resolve("2026/11/26/c-broken.mp3.part")).doesNotExist();
            RecorderHealth h = recorder.health();
            assertThat(h.conversionFailures()).isEqualTo(1);
            assertThat(h.ok()).isFalse();
            assertThat(h.lastFailure()).hasValueSatisfying(s -> assertThat(s).contains("c-broken"));
            StoredRecording meta = await(recorder.find("c-broken")).orElseThrow();
            assertThat(meta.state()).isEqualTo(RecordingState.FAILED);
            assertThat(meta.path()).isEqualTo("2026/11/26/c-broken.recording.wav");
            assertThat(meta.sha256()).isEqualTo(Checksums.sha256(wav));
        }

        @Test
        void whoseOutputIsTooShortFailsVerificationAndKeepsTheWav() throws Exception {
            Transcoder truncating = new Transcoder() {
                @Override
                public void encode(Path wav, Path target, Recording.Format format) throws java.io.IOException {
                    Path shorter = wav.resolveSibling("first-second.wav");
                    byte[] all = Files.readAllBytes(wav);
                    byte[] cut = java.util.Arrays.copyOf(all, 44 + 32000);
                    java.nio.ByteBuffer.wrap(cut).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 36 + 32000)
                            .putInt(40, 32000);
                    Files.write(shorter, cut);
                    fx.jave.encode(shorter, target, format);
                }

                @Override
                public Probe probe(Path file) throws java.io.IOException {
                    return fx.jave.probe(file);
                }
            };
            CallRecorder recorder = fx.recorder(RecorderFixture.config(dir, Recording.Format.MP3, false),
                    RecorderFixture.settings(), truncating, d -> Long.MAX_VALUE);

            assertThatThrownBy(() -> converse(recorder, fx.call("c-short"), 3))
                    .isInstanceOf(RecorderFailure.VerificationFailed.class).hasMessageContaining("c-short")
                    .hasMessageContaining("instead of 3000 ms");
            assertThat(dir.resolve("2026/11/26/c-short.recording.wav")).exists();
            assertThat(dir.resolve("2026/11/26/c-short.mp3")).doesNotExist();
            assertThat(recorder.health().conversionFailures()).isEqualTo(1);
        }
    }

    @Nested
    class AfterACrash {
        @Test
        void aWavLeftUnfinishedIsConvertedOnTheNextStart() throws Exception {
            Path wav = CrashedWav.write(dir.resolve("2026/11/26/c-crashed.recording.wav"), 2 * SECOND);
            fx.redis.sync().hset("vikno:{rec}:rec:c-crashed", Map.of("callId", "c-crashed", "caller", "+380501112233",
                    "dialled", "0800500123", "startedAt", "2026-11-26T08:59:00Z", "state", "recording"));

            CallRecorder recorder = fx.recorder(Recording.Format.MP3);

            StoredRecording r = RecorderFixture.poll(() -> await(recorder.find("c-crashed"))
                    .filter(m -> m.state() == RecordingState.STORED));
            assertThat(r.path()).isEqualTo("2026/11/26/c-crashed.mp3");
            assertThat(r.caller()).isEqualTo("+380501112233");
            assertThat(r.duration()).isEqualTo(Duration.ofSeconds(2));
            assertThat(fx.jave.probe(dir.resolve(r.path())).duration().toMillis() / 1000.0).isCloseTo(2.0, within(0.5));
            assertThat(wav).doesNotExist();
        }
    }

    @Nested
    class Closing {
        @Test
        void finishesTheWavsOfRunningCallsAndIsIdempotent() throws Exception {
            CallRecorder recorder = fx.recorder(Recording.Format.MP3);
            FakeCall call = fx.call("c-at-shutdown");
            recorder.record(call);
            call.bridgeTo(OPERATOR);
            call.talk(SECOND, FakeCall.tone(440), FakeCall.tone(1000));
            FakeCall waiting = fx.call("c-in-ivr");
            var notRecorded = recorder.record(waiting);
            waiting.answerNow();

            recorder.close();
            recorder.close();

            assertThat(await(notRecorded)).isEmpty();

            assertThat(call.openTaps()).isZero();
            Path wav = dir.resolve("2026/11/26/c-at-shutdown.recording.wav");
            assertThat(Audio.read(wav).frameLength()).isEqualTo(8000);
            assertThat(recorder.record(fx.call("c-after-close")).result()).isEqualTo(Optional.empty());
        }
    }
}
