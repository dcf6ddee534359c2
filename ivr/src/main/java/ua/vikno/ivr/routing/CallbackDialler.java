package ua.vikno.ivr.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Pbx;

/**
 * Calls a resident back for a queue: the operator's line first ({@link Pbx#originate}), and once the operator
 * answers, the resident through the trunk, showing the hotline number the resident called. The operator's call
 * notes which attempt it is and how it ended.
 */
final class CallbackDialler {
    /** Note on the operator's call of a call-back: the resident's original call id. */
    static final String CALLBACK_FOR_NOTE = "queue.callback-for";
    /** Note on the operator's call of a call-back: which attempt of how many, e.g. {@code 2/3}. */
    static final String ATTEMPT_NOTE = "queue.callback-attempt";
    /**
     * Note on the operator's call of a call-back: {@code connected}, or why the resident was not reached, as the
     * hang-up cause in lower case ({@code no_answer}, {@code busy}...).
     */
    static final String RESULT_NOTE = "queue.callback-result";

    /** How a call-back ended. */
    enum Result {
        /** Operator and resident talk. */
        CONNECTED,
        /** The operator did not answer: the resident keeps their place for the next operator. */
        OPERATOR_UNANSWERED,
        /**
         * The operator answered but the resident did not (or was busy, or could not be called); the operator's call
         * is ended.
         */
        RESIDENT_UNANSWERED
    }

    /** Whom a call-back is for: the resident's original call, their number and the hotline number they dialled. */
    record Resident(String callId, String number, String dialled) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDialler.class);

    private final Pbx pbx;

    CallbackDialler(Pbx pbx) {
        this.pbx = pbx;
    }

    /**
     * Calls {@code operatorLine} (ringing {@code operatorRing}), then the resident of {@code original} through
     * {@code trunk} (ringing {@code residentRing}), as attempt {@code attempt} of {@code attempts}. Never fails:
     * once the operator answered, the attempt counts as made whatever goes wrong after (connecting to the resident,
     * or hanging up the operator's call when the resident did not answer).
     */
    Future<Result> callBack(Resident original, String trunk, String operatorLine, String department,
                            Duration operatorRing, Duration residentRing, int attempt, int attempts) {
        String resident = original.number();
        return pbx.originate(new Destination.Line(operatorLine), resident, operatorRing).transform(ar -> ar.failed()
                ? Future.succeededFuture(Result.OPERATOR_UNANSWERED)
                : toResident(original, ar.result(), trunk, department, residentRing, attempt, attempts)
                        .recover(e -> {
                            LOG.warn("call={} call-back {}/{} through {} ended with an error: {}", original.callId(),
                                    attempt, attempts, operatorLine, e.toString());
                            return Future.succeededFuture(Result.RESIDENT_UNANSWERED);
                        }));
    }

    /** The operator answered: rings the resident; a failed connection is the resident not reached. */
    private Future<Result> toResident(Resident original, Call operator, String trunk, String department,
                                      Duration residentRing, int attempt, int attempts) {
        String resident = original.number();
        operator.notes().put(CALLBACK_FOR_NOTE, original.callId());
        operator.notes().put(CallNotes.DEPARTMENT, department);
        operator.notes().put(ATTEMPT_NOTE, attempt + "/" + attempts);
        ConnectRequest toResident = new ConnectRequest(List.of(new Destination.External(resident, trunk)),
                residentRing, Optional.empty(), Optional.of(original.dialled()));
        return operator.connect(toResident)
                .recover(e -> Future.succeededFuture(new ConnectOutcome.NotConnected(HangupCause.SYSTEM_ERROR)))
                .compose(outcome -> {
                    if (outcome instanceof ConnectOutcome.Bridged) {
                        operator.notes().put(RESULT_NOTE, "connected");
                        return Future.succeededFuture(Result.CONNECTED);
                    }
                    HangupCause cause = ((ConnectOutcome.NotConnected) outcome).cause();
                    operator.notes().put(RESULT_NOTE, cause.name().toLowerCase(java.util.Locale.ROOT));
                    // The resident's no-answer stands even when the operator's call cannot be ended cleanly.
                    return operator.hangup(HangupCause.NORMAL).transform(hungUp -> {
                        if (hungUp.failed()) {
                            LOG.warn("call={} call-back {}/{}: the operator's call {} could not be hung up: {}",
                                    original.callId(), attempt, attempts, operator.id(), hungUp.cause().toString());
                        }
                        return Future.succeededFuture(Result.RESIDENT_UNANSWERED);
                    });
                });
    }
}
