package ua.vikno.pbx.sip.call;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sip.message.Response;

import ua.vikno.pbx.HangupCause;

/**
 * Rings several contacts at once and keeps the first that answers (the parallel search of RFC 3261 section
 * 16.7 seen from a B2BUA): CANCEL to the others, and when all fail, the most telling cause among their answers.
 * Runs on the engine's context.
 */
final class RingAll {
    /** How the attempt ended. */
    sealed interface Result {
        record Answered(ClientLeg leg, String sdp) implements Result {
        }

        record Failed(HangupCause cause) implements Result {
        }
    }

    private final List<ClientLeg> ringing = new ArrayList<>();
    private final List<Integer> failures = new ArrayList<>();
    private final Consumer<Result> done;
    private boolean finished;

    RingAll(Consumer<Result> done) {
        this.done = done;
    }

    void add(ClientLeg leg) {
        ringing.add(leg);
    }

    boolean finished() {
        return finished;
    }

    void onAnswered(ClientLeg leg, String sdp) {
        if (finished) {
            leg.end();
            return;
        }
        finished = true;
        for (ClientLeg other : ringing) {
            if (other != leg) {
                other.cancel();
            }
        }
        done.accept(new Result.Answered(leg, sdp));
    }

    void onFailed(ClientLeg leg, int status) {
        failures.add(status);
        if (!finished && failures.size() == ringing.size()) {
            finished = true;
            done.accept(new Result.Failed(cause(failures)));
        }
    }

    /** Gives up: cancels every contact still ringing and ends with {@code cause}. */
    void giveUp(HangupCause cause) {
        if (finished) {
            return;
        }
        finished = true;
        ringing.forEach(ClientLeg::end);
        done.accept(new Result.Failed(cause));
    }

    /** Busy wins over refusal, refusal over everything else (RFC 3261 section 16.7 step 6, simplified). */
    static HangupCause cause(List<Integer> statuses) {
        if (statuses.stream().anyMatch(s -> s == Response.BUSY_HERE || s == Response.BUSY_EVERYWHERE)) {
            return HangupCause.BUSY;
        }
        if (statuses.stream().anyMatch(s -> s == Response.DECLINE)) {
            return HangupCause.REJECTED;
        }
        if (statuses.stream().anyMatch(s -> s == Response.NOT_ACCEPTABLE_HERE || s == Response.NOT_ACCEPTABLE)) {
            return HangupCause.INCOMPATIBLE_MEDIA;
        }
        if (statuses.stream().anyMatch(s -> s == Response.REQUEST_TIMEOUT || s == Response.REQUEST_TERMINATED)) {
            return HangupCause.NO_ANSWER;
        }
        return HangupCause.UNAVAILABLE;
    }

    /** The final status that refuses an unanswered caller for {@code cause}. */
    static int status(HangupCause cause) {
        return switch (cause) {
            case BUSY -> Response.BUSY_HERE;
            case REJECTED -> Response.DECLINE;
            case INCOMPATIBLE_MEDIA -> Response.NOT_ACCEPTABLE_HERE;
            case CALLER_ABANDONED -> Response.REQUEST_TERMINATED;
            case SYSTEM_ERROR -> Response.SERVER_INTERNAL_ERROR;
            case NO_ANSWER, UNAVAILABLE, NORMAL, MEDIA_TIMEOUT -> Response.TEMPORARILY_UNAVAILABLE;
        };
    }
}
