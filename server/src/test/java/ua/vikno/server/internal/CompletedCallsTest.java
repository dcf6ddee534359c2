package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.Party;

class CompletedCallsTest {
    static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

    static CallRecord record(Party caller, Optional<Instant> bridged, HangupCause cause, Map<String, String> notes) {
        return new CallRecord("c-1", caller, "+380444960000", T, Optional.of(T.plusSeconds(1)), bridged,
                T.plusSeconds(100), bridged.map(b -> Party.line("210", "Петро")), cause, Optional.of(Leg.CALLER), notes,
                List.of());
    }

    @Test
    void anAnsweredCallCarriesCategoryDepartmentOperatorWaitTalkAndRecording() {
        CompletedCall c = CompletedCalls.of(record(Party.resident("+380671234567"), Optional.of(T.plusSeconds(40)),
                HangupCause.NORMAL, Map.of(CallNotes.CATEGORY, "Водопостачання / Гаряча вода", CallNotes.IVR_PATH, "main>1>2",
                        CallNotes.DEPARTMENT, "water", CallNotes.QUEUE_WAIT_MS, "12500", CallNotes.RECORDING, "2026/11/26/c-1.mp3")))
                .orElseThrow();
        assertThat(c.kind()).isEqualTo(AppealKind.ANSWERED);
        assertThat(c.category()).containsExactly("Водопостачання", "Гаряча вода");
        assertThat(c.department()).contains("water");
        assertThat(c.operator()).contains("210");
        assertThat(c.queueWait()).isEqualTo(Duration.ofMillis(12500));
        assertThat(c.talkTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.recording()).contains("2026/11/26/c-1.mp3");
        assertThat(c.ivrPath()).isEqualTo("main>1>2");
    }

    @Test
    void aVoicemailIsAVoicemailAppeal() {
        assertThat(CompletedCalls.of(record(Party.resident("+380671234567"), Optional.empty(), HangupCause.NORMAL,
                Map.of(CallNotes.VOICEMAIL, "vm/c-1.wav"))).orElseThrow().kind()).isEqualTo(AppealKind.VOICEMAIL);
    }

    @Test
    void aCallerWhoGaveUpWaitingIsAbandonedAndOneNobodyAnsweredIsMissed() {
        assertThat(CompletedCalls.of(record(Party.resident("+380671234567"), Optional.empty(), HangupCause.CALLER_ABANDONED,
                Map.of())).orElseThrow().kind()).isEqualTo(AppealKind.ABANDONED);
        assertThat(CompletedCalls.of(record(Party.resident("+380671234567"), Optional.empty(), HangupCause.NO_ANSWER,
                Map.of())).orElseThrow().kind()).isEqualTo(AppealKind.MISSED);
    }

    @Test
    void aCallerWhoAskedTheQueueForACallBackIsACallBackAppealNotAnAbandonedOne() {
        CompletedCall c = CompletedCalls.of(record(Party.resident("+380671234567"), Optional.empty(), HangupCause.NORMAL,
                Map.of(CallNotes.CALLBACK, "requested", CallNotes.DEPARTMENT, "dispatch", CallNotes.QUEUE_WAIT_MS, "10000")))
                .orElseThrow();
        assertThat(c.kind()).isEqualTo(AppealKind.CALLBACK);
        assertThat(c.department()).contains("dispatch");
        assertThat(c.queueWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void callsBetweenInternalLinesMakeNoAppeal() {
        assertThat(CompletedCalls.of(record(Party.line("200", "Олена"), Optional.of(T), HangupCause.NORMAL, Map.of())))
                .isEmpty();
    }
}
