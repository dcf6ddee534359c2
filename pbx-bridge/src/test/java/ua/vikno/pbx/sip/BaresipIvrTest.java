package ua.vikno.pbx.sip;

import ua.vikno.testkit.Tones;
import ua.vikno.testkit.Baresip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Line;
import ua.vikno.config.Secret;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.MediaTap;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.RecordOptions;
import ua.vikno.pbx.VoiceMessage;
import ua.vikno.testkit.FreePorts;

/**
 * A real softphone (baresip, line 201) calls a number the engine offers to the incoming-call handler, as the IVR
 * would take it: a prompt interrupted by a key (RFC 4733), a voice message ended by '#', and a media tap that
 * sees the caller's tone.
 */
class BaresipIvrTest {
    private static final List<Line> LINES = List.of(
            new Line("201", "Operator 201", new Secret("pw-201"), Optional.empty(), Set.of(), false));

    private RunningEngine server;
    private Baresip phone;
    private Path dir;

    @BeforeEach
    void start() throws Exception {
        server = new RunningEngine(RunningEngine.settings(FreePorts.next(), Duration.ofMinutes(5)), LINES).start();
        dir = Files.createTempDirectory("vikno-ivr-");
    }

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
            phone.delete();
        }
        server.closeInBackground();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (Exception e) {
            // a leftover temporary directory is harmless
        }
    }

    @Test
    void aPromptIsInterruptedByAKeyAVoiceMessageEndsWithHashAndATapHearsTheCaller() throws Exception {
        Path voice = Tones.write(dir.resolve("caller-440.wav"), 440, 20);
        Path prompt = Tones.write(dir.resolve("prompt-1000.wav"), 1000, 10);
        Path message = dir.resolve("voicemail.wav");
        CompletableFuture<Call> answered = new CompletableFuture<>();
        CompletableFuture<PlaybackOutcome> played = new CompletableFuture<>();
        CompletableFuture<VoiceMessage> recorded = new CompletableFuture<>();
        CompletableFuture<CallRecord> ended = new CompletableFuture<>();
        List<Character> digits = new CopyOnWriteArrayList<>();
        AtomicInteger callerToneFrames = new AtomicInteger();
        AtomicInteger calleeFrames = new AtomicInteger();
        CompletableFuture<Void> tapClosed = new CompletableFuture<>();
        server.pbx().onIncomingCall(call -> {
            call.onEvent(e -> {
                if (e instanceof CallEvent.Digit d) {
                    digits.add(d.digit());
                } else if (e instanceof CallEvent.Ended end) {
                    ended.complete(end.record());
                }
            });
            call.tap(new MediaTap() {
                @Override
                public void onFrame(Leg leg, long frame, short[] samples) {
                    if (leg == Leg.CALLER && Tones.framesWithTone(samples, 440) == 1) {
                        callerToneFrames.incrementAndGet();
                    } else if (leg == Leg.CALLEE) {
                        calleeFrames.incrementAndGet();
                    }
                }

                @Override
                public void onClose() {
                    tapClosed.complete(null);
                }
            });
            call.answer().onSuccess(v -> answered.complete(call))
                    .compose(v -> call.play(new AudioPrompt("menu", prompt), PlayOptions.UNTIL_DIGIT))
                    .compose(how -> {
                        played.complete(how);
                        return call.record(new RecordOptions(message, Duration.ofSeconds(5), '#', Duration.ZERO));
                    })
                    .onSuccess(recorded::complete).onFailure(recorded::completeExceptionally);
        });
        int port = FreePorts.next();
        FreePorts.next();
        String registrar = "127.0.0.1:" + server.port();
        phone = Baresip.start(port, "<sip:201@" + registrar + ">;auth_pass=pw-201;regint=300;"
                + "audio_codecs=PCMU,PCMA;ptime=20", voice);
        Thread.sleep(500);

        phone.command("/dial sip:1500@" + registrar);
        Call call = answered.get(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        phone.command("1");
        assertThat(played.get(5, TimeUnit.SECONDS)).as("baresip said:%n%s", phone.log())
                .isEqualTo(PlaybackOutcome.INTERRUPTED);
        Thread.sleep(1500);
        phone.command("#");
        VoiceMessage voicemail = recorded.get(5, TimeUnit.SECONDS);
        call.hangup(HangupCause.NORMAL);
        CallRecord record = ended.get(10, TimeUnit.SECONDS);

        assertThat(digits).containsExactly('1', '#');
        assertThat(voicemail.reason()).isEqualTo(VoiceMessage.Reason.FINISH_KEY);
        assertThat(voicemail.length()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2500));
        assertThat(Tones.framesWithTone(Tones.read(message), 440)).as("the voice message holds the caller's tone")
                .isGreaterThan(40);
        assertThat(record.cause()).isEqualTo(HangupCause.NORMAL);
        assertThat(record.endedBy()).isEmpty();
        assertThat(record.quality()).singleElement().satisfies(q -> assertThat(q.packetsReceived()).isGreaterThan(100));
        tapClosed.get(5, TimeUnit.SECONDS);
        assertThat(callerToneFrames.get()).as("tap frames with the caller's tone").isGreaterThan(100);
        assertThat(calleeFrames.get()).as("one callee frame (silence) per caller frame").isPositive();
        assertThat(server.rtpPorts.inUse()).isZero();
    }
}
