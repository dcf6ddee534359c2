package ua.vikno.server.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Party;

/**
 * Turns the call model's record of a resident's call into the appeals module's {@link CompletedCall}:
 * answered when an operator talked, voicemail when a message was left, callback when the caller asked a queue
 * to call them back, abandoned when the caller gave up waiting, missed otherwise. Calls between internal lines make no appeal.
 */
public final class CompletedCalls {
    private CompletedCalls() {
    }

    public static Optional<CompletedCall> of(CallRecord r) {
        if (r.caller().line()) {
            return Optional.empty();
        }
        String category = r.notes().getOrDefault(CallNotes.CATEGORY, "");
        List<String> labels = category.isBlank() ? List.of()
                : Arrays.stream(category.split(" / ")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Duration talk = r.bridgedAt().map(b -> Duration.between(b, r.endedAt())).orElse(Duration.ZERO);
        Duration wait = Optional.ofNullable(r.notes().get(CallNotes.QUEUE_WAIT_MS)).flatMap(CompletedCalls::millis)
                .orElse(Duration.ZERO);
        return Optional.of(new CompletedCall(r.callId(), r.caller().number(), r.dialled(), r.startedAt(), r.answeredAt(),
                r.endedAt(), r.notes().getOrDefault(CallNotes.IVR_PATH, ""), labels,
                Optional.ofNullable(r.notes().get(CallNotes.DEPARTMENT)), r.operator().map(Party::number), wait, talk,
                Optional.ofNullable(r.notes().get(CallNotes.RECORDING)).or(() -> Optional.ofNullable(r.notes().get(CallNotes.VOICEMAIL))),
                r.cause().name().toLowerCase(java.util.Locale.ROOT), kind(r)));
    }

    static AppealKind kind(CallRecord r) {
        if (r.bridgedAt().isPresent()) {
            return AppealKind.ANSWERED;
        }
        if (r.notes().containsKey(CallNotes.VOICEMAIL)) {
            return AppealKind.VOICEMAIL;
        }
        if (r.notes().containsKey(CallNotes.CALLBACK)) {
            return AppealKind.CALLBACK;
        }
        return r.cause() == HangupCause.CALLER_ABANDONED || r.cause() == HangupCause.NORMAL
                ? AppealKind.ABANDONED : AppealKind.MISSED;
    }

    private static Optional<Duration> millis(String text) {
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
