package ua.vikno.appeals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Call records for tests, as the server would build them from the call model. */
final class Calls {
    private static final AtomicInteger IDS = new AtomicInteger();

    private Calls() {
    }

    static CompletedCall answered(String caller, Instant endedAt, String department, String operator, List<String> category,
                                  Duration wait, Duration talk) {
        Instant started = endedAt.minus(talk).minus(wait).minusSeconds(20);
        return new CompletedCall("call-" + IDS.incrementAndGet(), caller, "+380444960000", started,
                Optional.of(started.plusSeconds(20).plus(wait)), endedAt, "main>1>2", category,
                Optional.of(department), Optional.of(operator), wait, talk,
                Optional.of("recordings/x.mp3"), "normal", AppealKind.ANSWERED);
    }

    static CompletedCall missed(String caller, Instant endedAt, String department, Duration wait) {
        Instant started = endedAt.minus(wait).minusSeconds(20);
        return new CompletedCall("call-" + IDS.incrementAndGet(), caller, "+380444960000", started, Optional.empty(),
                endedAt, "main>2", List.of("Електропостачання"), Optional.of(department), Optional.empty(), wait,
                Duration.ZERO, Optional.empty(), "caller hung up", AppealKind.ABANDONED);
    }

    static CompletedCall callbackRequested(String caller, Instant endedAt, String department, Duration wait) {
        Instant started = endedAt.minus(wait).minusSeconds(20);
        return new CompletedCall("call-" + IDS.incrementAndGet(), caller, "+380444960000", started,
                Optional.of(started.plusSeconds(1)), endedAt, "main>2", List.of("Електропостачання"),
                Optional.of(department), Optional.empty(), wait, Duration.ZERO, Optional.empty(), "normal",
                AppealKind.CALLBACK);
    }
}
