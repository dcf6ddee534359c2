package ua.vikno.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.Party;

class SupervisorServiceTest {
    static final double RESIDENT_HZ = 440;
    static final double OPERATOR_HZ = 1000;
    static final double SUPERVISOR_HZ = 700;

    LiveCalls live;
    SupervisorService service;
    FakeCall residentCall;

    @BeforeEach
    void aResidentTalksToOperator201() {
        live = new LiveCalls();
        service = new SupervisorService(Set.of("105", "100")::contains, live, null,
                new AudioPrompt("refused", Path.of("refused.wav")), Duration.ofSeconds(20));
        residentCall = new FakeCall("c-1", Party.resident("+380671234567"), "+380444960000");
        live.track(residentCall);
        residentCall.bridgeTo(Party.line("201", "Андрій"));
    }

    FakeCall supervisorDials(String from, String code) {
        FakeCall call = new FakeCall("s-" + from, Party.line(from, null), code);
        service.onFeatureCall(call, MonitorRequest.parse(code).orElseThrow());
        return call;
    }

    /** Runs one second of the conversation: resident 440 Hz, operator 1000 Hz, supervisor 700 Hz. */
    void talkForOneSecond(FakeCall supervisor, long startFrame) {
        for (long f = startFrame; f < startFrame + 50; f++) {
            residentCall.tick(f, Tones.frame(RESIDENT_HZ, f), Tones.frame(OPERATOR_HZ, f));
            supervisor.tick(f, Tones.frame(SUPERVISOR_HZ, f), new short[160]);
        }
    }

    @Nested
    class Listening {
        @Test
        void theSupervisorHearsBothTheResidentAndTheOperator() {
            FakeCall sup = supervisorDials("105", "*55201");
            talkForOneSecond(sup, 0);
            assertThat(Tones.heard(sup.injected.get(Leg.CALLER), RESIDENT_HZ)).isTrue();
            assertThat(Tones.heard(sup.injected.get(Leg.CALLER), OPERATOR_HZ)).isTrue();
            assertThat(sup.injected.get(Leg.CALLER)).hasSize(50);
        }

        @Test
        void nobodyOnTheCallHearsTheSupervisorOrAnySignOfIt() {
            FakeCall sup = supervisorDials("105", "*55201");
            talkForOneSecond(sup, 0);
            assertThat(residentCall.injected.get(Leg.CALLER)).isEmpty();
            assertThat(residentCall.injected.get(Leg.CALLEE)).isEmpty();
            assertThat(residentCall.played).isEmpty();
        }
    }

    @Nested
    class Whispering {
        @Test
        void theOperatorHearsTheSupervisorAndTheResidentDoesNot() {
            FakeCall sup = supervisorDials("105", "*56201");
            talkForOneSecond(sup, 0);
            assertThat(Tones.heard(residentCall.injected.get(Leg.CALLEE), SUPERVISOR_HZ)).isTrue();
            assertThat(residentCall.injected.get(Leg.CALLER)).isEmpty();
            assertThat(Tones.heard(sup.injected.get(Leg.CALLER), RESIDENT_HZ)).isTrue();
        }
    }

    @Nested
    class Barging {
        @Test
        void bothPartiesHearTheSupervisor() {
            FakeCall sup = supervisorDials("105", "*57201");
            talkForOneSecond(sup, 0);
            assertThat(Tones.heard(residentCall.injected.get(Leg.CALLEE), SUPERVISOR_HZ)).isTrue();
            assertThat(Tones.heard(residentCall.injected.get(Leg.CALLER), SUPERVISOR_HZ)).isTrue();
        }
    }

    @Test
    void key5SwitchesAListeningSupervisorToWhisper() {
        FakeCall sup = supervisorDials("105", "*55201");
        talkForOneSecond(sup, 0);
        assertThat(residentCall.injected.get(Leg.CALLEE)).isEmpty();
        sup.emit(new CallEvent.Digit(Instant.now(), '5'));
        talkForOneSecond(sup, 50);
        assertThat(Tones.heard(residentCall.injected.get(Leg.CALLEE), SUPERVISOR_HZ)).isTrue();
        assertThat(residentCall.injected.get(Leg.CALLER)).isEmpty();
    }

    @Test
    void onlyTheLegsTheSupervisorSpeaksToCarryAnInjectionSoAListenedCallKeepsItsPlainRelay() {
        FakeCall sup = supervisorDials("105", "*55201");
        assertThat(openInjections()).as("listen").containsExactly(0, 0);
        sup.emit(new CallEvent.Digit(Instant.now(), '5'));
        assertThat(openInjections()).as("whisper: toward the operator only").containsExactly(0, 1);
        sup.emit(new CallEvent.Digit(Instant.now(), '6'));
        assertThat(openInjections()).as("barge").containsExactly(1, 1);
        sup.emit(new CallEvent.Digit(Instant.now(), '4'));
        assertThat(openInjections()).as("listen again").containsExactly(0, 0);
        sup.emit(new CallEvent.Digit(Instant.now(), '6'));
        sup.end();
        assertThat(openInjections()).as("after the supervisor hung up").containsExactly(0, 0);
    }

    /** Open injections toward the resident (caller) and the operator (callee) of the monitored call. */
    private List<Integer> openInjections() {
        return List.of(residentCall.openInjections.get(Leg.CALLER).get(), residentCall.openInjections.get(Leg.CALLEE).get());
    }

    @Nested
    class Refusals {
        @Test
        void anOperatorWithoutTheSupervisorRoleHearsTheRefusalAndIsHungUp() {
            FakeCall call = supervisorDials("200", "*55201");
            assertThat(call.played).containsExactly("refused");
            assertThat(call.hungUp).contains(HangupCause.REJECTED);
            assertThat(residentCall.taps).isEmpty();
        }

        @Test
        void aLineWithoutACallCannotBeMonitored() {
            assertThat(service.check("105", new MonitorRequest(MonitorMode.LISTEN, "210")))
                    .contains(MonitorRefusal.NO_LIVE_CALL);
        }

        @Test
        void aSupervisorCannotMonitorTheirOwnLine() {
            assertThat(service.check("105", new MonitorRequest(MonitorMode.LISTEN, "105"))).contains(MonitorRefusal.OWN_LINE);
        }

        @Test
        void aResidentDiallingAFeatureCodeFromOutsideIsRefused() {
            FakeCall outsider = new FakeCall("x", Party.resident("+380501112233"), "*55201");
            service.onFeatureCall(outsider, MonitorRequest.parse("*55201").orElseThrow());
            assertThat(outsider.played).containsExactly("refused");
            assertThat(residentCall.taps).isEmpty();
        }
    }

    @Nested
    class Ending {
        @Test
        void whenTheMonitoredCallEndsTheSessionClosesAndTheSupervisorIsHungUp() {
            FakeCall sup = supervisorDials("105", "*55201");
            assertThat(residentCall.taps).hasSize(1);
            residentCall.end();
            assertThat(sup.hungUp).contains(HangupCause.NORMAL);
            assertThat(sup.taps).isEmpty();
            assertThat(live.callOf("201")).isEmpty();
        }

        @Test
        void whenTheSupervisorHangsUpTheTapOnTheMonitoredCallIsRemoved() {
            FakeCall sup = supervisorDials("105", "*55201");
            sup.end();
            assertThat(residentCall.taps).isEmpty();
            assertThat(residentCall.hungUp).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"*55201, LISTEN, 201", "*56210, WHISPER, 210", "*57100, BARGE, 100"})
    void featureCodesNameTheModeAndTheLine(String dialled, MonitorMode mode, String line) {
        assertThat(MonitorRequest.parse(dialled)).contains(new MonitorRequest(mode, line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"*58201", "55201", "*55", "*55abc", "+380444960000"})
    void otherNumbersAreNotFeatureCodes(String dialled) {
        assertThat(MonitorRequest.parse(dialled)).isEmpty();
    }
}
