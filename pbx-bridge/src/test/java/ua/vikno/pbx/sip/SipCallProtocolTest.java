package ua.vikno.pbx.sip;

import ua.vikno.testkit.Tones;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;

/** Calls through the engine's B2BUA with real SIPp peers on 127.0.0.1 and the location service in a real Redis. */
class SipCallProtocolTest {
    private RunningEngine server;
    private final List<Call> offered = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CallRecord> ended = new CompletableFuture<>();

    @BeforeEach
    void startEngine() {
        server = new RunningEngine().start();
    }

    @AfterEach
    void stopEngine() {
        server.closeInBackground();
    }

    /** Offers every call the engine does not route itself to {@code then}, recording its end. */
    private void onIncoming(java.util.function.Consumer<Call> then) {
        server.pbx().onIncomingCall(call -> {
            offered.add(call);
            call.onEvent(e -> {
                if (e instanceof CallEvent.Ended end) {
                    ended.complete(end.record());
                }
            });
            then.accept(call);
        });
    }

    private CallRecord record() throws Exception {
        return ended.get(10, TimeUnit.SECONDS);
    }

    private Sipp.Result call(String scenario, String dialled) {
        return Sipp.scenario(scenario).calling("101", RunningEngine.PASSWORD_101, dialled).against(server.port());
    }

    @Nested
    class OfferedToTheHandler {

        @Test
        void aCallerCancelsBeforeTheAnswerAndGets487() throws Exception {
            onIncoming(call -> { });

            Sipp.Result result = call("call-cancel.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().cause()).isEqualTo(HangupCause.CALLER_ABANDONED);
            assertThat(record().endedBy()).contains(Leg.CALLER);
        }

        @Test
        void theCallerHangsUpWithBye() throws Exception {
            onIncoming(Call::answer);

            Sipp.Result result = call("call-bye-caller.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            CallRecord record = record();
            assertThat(record.cause()).isEqualTo(HangupCause.NORMAL);
            assertThat(record.endedBy()).contains(Leg.CALLER);
            assertThat(record.answeredAt()).isPresent();
            assertThat(record.caller().number()).isEqualTo("101");
            assertThat(record.dialled()).isEqualTo("1500");
            assertThat(server.rtpPorts.inUse()).isZero();
        }

        @Test
        void theCallerHangsUpWithByeOverTcp() throws Exception {
            onIncoming(Call::answer);

            Sipp.Result result = Sipp.scenario("call-bye-caller.xml")
                    .calling("101", RunningEngine.PASSWORD_101, "1500").overTcp().against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().cause()).isEqualTo(HangupCause.NORMAL);
        }

        @Test
        void vikNoHangsUpWithByeToTheCallersContact() throws Exception {
            onIncoming(call -> call.answer().onSuccess(v ->
                    server.vertx.setTimer(500, t -> call.hangup(HangupCause.NORMAL))));

            Sipp.Result result = call("call-bye-callee.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().endedBy()).isEmpty();
            assertThat(server.rtpPorts.inUse()).isZero();
        }

        @Test
        void holdAndUnholdByReInviteAreAnsweredRecvonlyThenSendrecv() throws Exception {
            onIncoming(Call::answer);

            Sipp.Result result = call("call-hold.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().cause()).isEqualTo(HangupCause.NORMAL);
        }

        @Test
        void anOfferInAnUpdateIsAnsweredInIts200LikeAReInvitesHoldThenUnhold() throws Exception {
            onIncoming(Call::answer);

            Sipp.Result result = call("call-update-offer.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().cause()).isEqualTo(HangupCause.NORMAL);
        }

        @Test
        void anAnsweredCallRingsALineThatNeverAnswersAndIsNotConnected() throws Exception {
            Sipp phone = Sipp.scenario("ring-no-answer.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);
            CompletableFuture<ConnectOutcome> outcome = new CompletableFuture<>();
            List<CallEvent> events = new CopyOnWriteArrayList<>();
            onIncoming(call -> {
                call.onEvent(events::add);
                call.answer().compose(v -> call.connect(new ConnectRequest(List.of(new Destination.Line("102")),
                                Duration.ofSeconds(1), Optional.empty(), Optional.empty())))
                        .onSuccess(outcome::complete).onFailure(outcome::completeExceptionally)
                        .onComplete(done -> call.hangup(HangupCause.NORMAL));
            });

            Sipp.Result caller = call("call-bye-callee.xml", "1500");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            assertThat(outcome.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new ConnectOutcome.NotConnected(HangupCause.NO_ANSWER));
            Sipp.Result rang = callee.get(20, TimeUnit.SECONDS);
            assertThat(rang.succeeded()).as("%s", rang).isTrue();
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CallEvent.Ringing.class));
            awaitPortsFree();
        }

        @Test
        void anAnsweredCallIsBridgedToALineAndTheRecordNamesTheOperator() throws Exception {
            Sipp phone = Sipp.scenario("answer-then-bye.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);
            CompletableFuture<ConnectOutcome> outcome = new CompletableFuture<>();
            List<CallEvent> events = new CopyOnWriteArrayList<>();
            onIncoming(call -> {
                call.onEvent(events::add);
                call.answer().compose(v -> call.connect(new ConnectRequest(List.of(new Destination.Line("102")),
                                Duration.ofSeconds(5), Optional.empty(), Optional.empty())))
                        .onSuccess(outcome::complete).onFailure(outcome::completeExceptionally);
            });

            Sipp.Result caller = call("call-bye-caller.xml", "1500");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectOutcome.Bridged.class);
            Sipp.Result answered = callee.get(20, TimeUnit.SECONDS);
            assertThat(answered.succeeded()).as("%s", answered).isTrue();
            CallRecord record = record();
            assertThat(record.operator()).hasValueSatisfying(p -> assertThat(p.number()).isEqualTo("102"));
            assertThat(record.bridgedAt()).isPresent();
            assertThat(record.quality()).extracting(q -> q.leg()).containsExactly(Leg.CALLER, Leg.CALLEE);
            assertThat(events).hasAtLeastOneElementOfType(CallEvent.Bridged.class)
                    .last().isInstanceOf(CallEvent.Ended.class);
            awaitPortsFree();
        }

        @Test
        void anOfferInTheOperatorsUpdateIsAnsweredInIts200AndTheCallEndsWithTheOperatorsBye() throws Exception {
            Sipp phone = Sipp.scenario("answer-then-update.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);
            onIncoming(call -> call.answer().compose(v -> call.connect(new ConnectRequest(
                    List.of(new Destination.Line("102")), Duration.ofSeconds(5), Optional.empty(), Optional.empty()))));

            Sipp.Result caller = call("call-bye-callee.xml", "1500");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result operator = callee.get(20, TimeUnit.SECONDS);
            assertThat(operator.succeeded()).as("%s", operator).isTrue();
            assertThat(record().endedBy()).contains(Leg.CALLEE);
            awaitPortsFree();
        }

        @Test
        void digitsBySipInfoInBothBodyTypesAreEventsCountedOnce() throws Exception {
            List<Character> digits = new CopyOnWriteArrayList<>();
            onIncoming(call -> {
                call.onEvent(e -> {
                    if (e instanceof CallEvent.Digit d) {
                        digits.add(d.digit());
                    }
                });
                call.answer();
            });

            Sipp.Result result = call("call-info-dtmf.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            record();
            assertThat(digits).containsExactly('5', '7');
        }

        @Test
        void aCallWithNoRtpEndsWithMediaTimeoutAndVikNoSendsBye() throws Exception {
            server.stop();
            server.rtpInactivity = Duration.ofSeconds(1);
            server.start();
            onIncoming(Call::answer);

            Sipp.Result result = call("call-bye-callee.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().cause()).isEqualTo(HangupCause.MEDIA_TIMEOUT);
            assertThat(server.rtpPorts.inUse()).isZero();
        }

        @Test
        void aTrunkIsKnownByItsSourceAddressAndItsCallerIsAResident() throws Exception {
            server.stop();
            server.trunks = List.of(new ua.vikno.config.Trunk("provider", ua.vikno.config.Trunk.Mode.STATIC,
                    "127.0.0.2", 5060, ua.vikno.config.Network.Transport.UDP, List.of("127.0.0.2"), Optional.empty(),
                    "+380441234567"));
            server.start();
            onIncoming(Call::answer);

            Sipp.Result result = Sipp.scenario("trunk-call-bye.xml").set("caller", "+380501112233").to("0800300100")
                    .from("127.0.0.2").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            CallRecord record = record();
            assertThat(record.caller()).isEqualTo(ua.vikno.pbx.Party.resident("+380501112233"));
            assertThat(record.dialled()).isEqualTo("0800300100");
        }

        @Test
        void theOperatorTransfersTheCallerBlindlyToADepartmentWhichTheTransferHandlerRings() throws Exception {
            Sipp operator = Sipp.scenario("answer-then-refer.xml").set("target", "Water");
            Sipp target = Sipp.scenario("answer-as-103.xml");
            server.bind("102", "sip:102@127.0.0.1:" + operator.localPort());
            server.bind("103", "sip:103@127.0.0.1:" + target.localPort());
            CompletableFuture<Sipp.Result> operatorRun = operator.startAgainst(server.port());
            CompletableFuture<Sipp.Result> targetRun = target.startAgainst(server.port());
            List<String> asked = new CopyOnWriteArrayList<>();
            server.pbx().onTransfer(new ua.vikno.pbx.TransferHandler() {
                @Override
                public boolean accepts(String department) {
                    asked.add(department);
                    return department.equalsIgnoreCase("water");
                }

                @Override
                public io.vertx.core.Future<Boolean> transfer(ua.vikno.pbx.Call call, String department) {
                    return call.connect(new ConnectRequest(List.of(new Destination.Line("103")), Duration.ofSeconds(5),
                            Optional.empty(), Optional.empty())).map(o -> o instanceof ua.vikno.pbx.ConnectOutcome.Bridged);
                }
            });
            onIncoming(call -> {
                call.onEvent(e -> {
                    if (e instanceof CallEvent.Bridged b && b.party().number().equals("103")) {
                        server.vertx.setTimer(500, t -> call.hangup(HangupCause.NORMAL));
                    }
                });
                call.answer().compose(v -> call.connect(new ConnectRequest(List.of(new Destination.Line("102")),
                        Duration.ofSeconds(5), Optional.empty(), Optional.empty())));
            });

            Sipp.Result caller = call("call-bye-callee.xml", "1500");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result transferred = operatorRun.get(20, TimeUnit.SECONDS);
            assertThat(transferred.succeeded()).as("the operator gets 202 and NOTIFY 200: %s", transferred).isTrue();
            assertThat(targetRun.get(20, TimeUnit.SECONDS).succeeded()).isTrue();
            assertThat(asked).containsExactly("Water");
            assertThat(record().operator()).hasValueSatisfying(p -> assertThat(p.number()).isEqualTo("103"));
            awaitPortsFree();
        }

        @Test
        void aTransferToATargetNobodyTakesIsDeclinedAndTheCallStaysWithTheOperator() throws Exception {
            Sipp operator = Sipp.scenario("answer-then-refused-refer.xml").set("target", "nowhere");
            server.bind("102", "sip:102@127.0.0.1:" + operator.localPort());
            CompletableFuture<Sipp.Result> operatorRun = operator.startAgainst(server.port());
            onIncoming(call -> call.answer().compose(v -> call.connect(new ConnectRequest(
                    List.of(new Destination.Line("102")), Duration.ofSeconds(5), Optional.empty(), Optional.empty()))));

            Sipp.Result caller = call("call-bye-callee.xml", "1500");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result refused = operatorRun.get(20, TimeUnit.SECONDS);
            assertThat(refused.succeeded()).as("the REFER is declined and the operator hangs up: %s", refused).isTrue();
            assertThat(record().operator()).hasValueSatisfying(p -> assertThat(p.number()).isEqualTo("102"));
            awaitPortsFree();
        }

        @Test
        void theOperatorTransfersTheCallerBlindlyToAnotherLine() throws Exception {
            Sipp operator = Sipp.scenario("answer-then-refer.xml").set("target", "103");
            Sipp target = Sipp.scenario("answer-as-103.xml");
            server.bind("102", "sip:102@127.0.0.1:" + operator.localPort());
            server.bind("103", "sip:103@127.0.0.1:" + target.localPort());
            CompletableFuture<Sipp.Result> operatorRun = operator.startAgainst(server.port());
            CompletableFuture<Sipp.Result> targetRun = target.startAgainst(server.port());
            Thread.sleep(300);
            List<CallEvent> events = new CopyOnWriteArrayList<>();
            onIncoming(call -> {
                call.onEvent(events::add);
                call.onEvent(e -> {
                    if (e instanceof CallEvent.Bridged b && b.party().number().equals("103")) {
                        server.vertx.setTimer(500, t -> call.hangup(HangupCause.NORMAL));
                    }
                });
                call.answer().compose(v -> call.connect(new ConnectRequest(List.of(new Destination.Line("102")),
                        Duration.ofSeconds(5), Optional.empty(), Optional.empty())));
            });

            Sipp.Result caller = call("call-bye-callee.xml", "1500");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result transferred = operatorRun.get(20, TimeUnit.SECONDS);
            assertThat(transferred.succeeded()).as("%s", transferred).isTrue();
            Sipp.Result answered = targetRun.get(20, TimeUnit.SECONDS);
            assertThat(answered.succeeded()).as("%s", answered).isTrue();
            assertThat(record().operator()).hasValueSatisfying(p -> assertThat(p.number()).isEqualTo("103"));
            assertThat(events).filteredOn(e -> e instanceof CallEvent.Unbridged).hasSize(1);
            awaitPortsFree();
        }

        @Test
        void aPromptPlaysToItsEndOnceAndALoopedOneUntilStopped(@org.junit.jupiter.api.io.TempDir Path dir)
                throws Exception {
            Path beep = Tones.write(dir.resolve("beep.wav"), 800, 0.2);
            CompletableFuture<List<PlaybackOutcome>> outcomes = new CompletableFuture<>();
            onIncoming(call -> call.answer()
                    .compose(v -> call.play(new AudioPrompt("beep", beep), PlayOptions.ONCE))
                    .compose(once -> {
                        server.vertx.setTimer(700, t -> call.stopPlayback());
                        return call.play(new AudioPrompt("hold", beep), PlayOptions.LOOP)
                                .map(looped -> List.of(once, looped));
                    })
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            outcomes.complete(done.result());
                        } else {
                            outcomes.completeExceptionally(done.cause());
                        }
                        call.hangup(HangupCause.NORMAL);
                    }));

            Sipp.Result result = call("call-bye-callee.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(outcomes.get(10, TimeUnit.SECONDS))
                    .containsExactly(PlaybackOutcome.FINISHED, PlaybackOutcome.STOPPED);
        }

        @Test
        void anInviteWithoutSdpGetsOurOfferInThe200AndItsAnswerFromTheAck() throws Exception {
            server.stop();
            server.trunks = List.of(new ua.vikno.config.Trunk("provider", ua.vikno.config.Trunk.Mode.STATIC,
                    "127.0.0.2", 5060, ua.vikno.config.Network.Transport.UDP, List.of("127.0.0.2"), Optional.empty(),
                    "+380441234567"));
            server.start();
            CompletableFuture<Void> acked = new CompletableFuture<>();
            onIncoming(call -> call.answer().onSuccess(acked::complete).onFailure(acked::completeExceptionally));

            Sipp.Result result = Sipp.scenario("trunk-late-offer.xml").set("caller", "+380501112233").to("0800300100")
                    .from("127.0.0.2").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            acked.get(5, TimeUnit.SECONDS);
            assertThat(record().cause()).isEqualTo(HangupCause.NORMAL);
        }

        @Test
        void aSessionTimerTheCallerAskedForIsGrantedRefreshedByUpdateAndEndsTheCallWhenNotRefreshed()
                throws Exception {
            onIncoming(Call::answer);

            Sipp.Result result = call("call-session-timer.xml", "1500");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(record().cause()).isEqualTo(HangupCause.MEDIA_TIMEOUT);
            assertThat(record().endedBy()).isEmpty();
        }

        @Test
        void aWrongPasswordIsChallengedAgainAndNoCallIsOffered() {
            onIncoming(call -> { });

            Sipp.Result result = Sipp.scenario("call-wrong-password.xml").set("caller", "101")
                    .credentials("101", "not-the-password").to("1500").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(offered).isEmpty();
            assertThat(server.engine.authFailures()).isPositive();
        }
    }

    @Nested
    class BetweenLines {

        @Test
        void anUnknownExtensionIs404() {
            Sipp.Result result = call("call-refused-404.xml", "999");

            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        @Test
        void aLineWithNoContactIs480() {
            Sipp.Result result = call("call-refused-480.xml", "102");

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.rtpPorts.inUse()).isZero();
        }

        @Test
        void aBusyPhoneMakesTheCaller486() throws Exception {
            Sipp phone = Sipp.scenario("answer-busy.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300); // SIPp binds its port

            Sipp.Result caller = call("call-refused-486.xml", "102");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            assertThat(callee.get(20, TimeUnit.SECONDS).succeeded()).isTrue();
            awaitPortsFree();
        }

        @Test
        void aCancelFromTheCallerCancelsTheRingingLine() throws Exception {
            Sipp phone = Sipp.scenario("ring-no-answer.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);

            Sipp.Result caller = call("call-cancel-ringing.xml", "102");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result rang = callee.get(20, TimeUnit.SECONDS);
            assertThat(rang.succeeded()).as("%s", rang).isTrue();
            awaitPortsFree();
            assertThat(server.pbx().registry().dialogs()).isZero();
        }

        @Test
        void withNoRtpPortLeftForTheCallerTheCallFailsWith500AndTheCalleeIsHungUp() throws Exception {
            server.stop();
            server.withRtpPairs(1);
            server.start();
            Sipp phone = Sipp.scenario("answer-then-bye.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);

            Sipp.Result caller = call("call-refused-500.xml", "102");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result hungUp = callee.get(20, TimeUnit.SECONDS);
            assertThat(hungUp.succeeded()).as("%s", hungUp).isTrue();
            awaitPortsFree();
        }

        @Test
        void aLineCallsAnotherAndTheCallerHangsUp() throws Exception {
            Sipp phone = Sipp.scenario("answer-then-bye.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);

            Sipp.Result caller = call("call-bye-caller.xml", "102");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            Sipp.Result answered = callee.get(20, TimeUnit.SECONDS);
            assertThat(answered.succeeded()).as("%s", answered).isTrue();
            awaitPortsFree();
        }
    }

    @Nested
    class PlacedByVikno {

        @Test
        void originateRingsALineAndReturnsTheAnsweredCallWhichVikNoHangsUp() throws Exception {
            Sipp phone = Sipp.scenario("answer-then-bye.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            CompletableFuture<Sipp.Result> callee = phone.startAgainst(server.port());
            Thread.sleep(300);

            Call call = RunningEngine.await(server.pbx().originate(new Destination.Line("102"), "0441234567",
                    Duration.ofSeconds(5)));

            assertThat(call.state()).isEqualTo(ua.vikno.pbx.CallState.ANSWERED);
            assertThat(server.pbx().presence("102").onCall()).isTrue();
            RunningEngine.await(call.hangup(HangupCause.NORMAL));
            Sipp.Result answered = callee.get(20, TimeUnit.SECONDS);
            assertThat(answered.succeeded()).as("%s", answered).isTrue();
            assertThat(server.pbx().presence("102").onCall()).isFalse();
            awaitPortsFree();
        }

        @Test
        void originateToALineWithNoContactFailsUnavailable() {
            var placed = server.pbx().originate(new Destination.Line("102"), "0441234567", Duration.ofSeconds(5));

            assertThat(placed.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().havingCause().isInstanceOfSatisfying(
                            ua.vikno.pbx.sip.call.CallFailure.class,
                            f -> assertThat(f.hangupCause()).isEqualTo(HangupCause.UNAVAILABLE));
            assertThat(server.rtpPorts.inUse()).isZero();
        }

        @Test
        void originateToALineInDoNotDisturbFailsBusyWithoutRingingIt() throws Exception {
            Sipp phone = Sipp.scenario("answer-then-bye.xml");
            server.bind("102", "sip:102@127.0.0.1:" + phone.localPort());
            server.pbx().doNotDisturb("102", true);

            var placed = server.pbx().originate(new Destination.Line("102"), "0441234567", Duration.ofSeconds(5));

            assertThat(placed.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().havingCause().isInstanceOfSatisfying(
                            ua.vikno.pbx.sip.call.CallFailure.class,
                            f -> assertThat(f.hangupCause()).isEqualTo(HangupCause.BUSY));
            assertThat(server.rtpPorts.inUse()).isZero();
            server.pbx().doNotDisturb("102", false);
        }
    }

    private void awaitPortsFree() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.rtpPorts.inUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.rtpPorts.inUse()).isZero();
    }

}
