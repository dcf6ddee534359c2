package ua.vikno.pbx.sip.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sip.address.Address;
import javax.sip.message.Response;

import ua.vikno.pbx.HangupCause;

/**
 * Rings several contacts at once and keeps the first that answers (the parallel search of RFC 3261 section
 * 16.7 seen from a B2BUA): one {@link ClientLeg} per contact, the same offer to all, CANCEL to the others once one
 * answers, no answer after the ring timeout, and when all fail, the most telling cause among their answers.
 * The legs' listener passes their answers and failures to {@link #onAnswered} and {@link #onFailed}.
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

    private final CallServices services;
    private final List<ClientLeg> ringing = new ArrayList<>();
    private final List<Integer> failures = new ArrayList<>();
    private final Consumer<Result> done;
    private boolean finished;
    private long timer = -1;

    RingAll(CallServices services, Consumer<Result> done) {
        this.services = services;
        this.done = done;
    }

    /** Adds the leg to a registered contact of a line: from {@code from} to the line's address-of-record {@code to}. */
    ClientLeg addLine(String contact, Address from, Address to, ClientLeg.Listener listener) {
        ClientLeg leg = new ClientLeg(contact, from, to, services.out(), services.responder(), services.registry(),
                listener);
        add(leg);
        return leg;
    }

    /** Adds a leg made elsewhere, such as one toward a trunk. */
    void add(ClientLeg leg) {
        ringing.add(leg);
    }

    /** Sends {@code offer} to every leg added and gives up with {@code NO_ANSWER} after {@code ringTimeout}. */
    void start(String offer, Duration ringTimeout) {
        timer = services.media().vertx().setTimer(ringTimeout.toMillis(), t -> giveUp(HangupCause.NO_ANSWER));
        ringing.forEach(leg -> leg.invite(offer));
    }

    /** A listener for legs whose only news that matters is their answer or failure. */
    ClientLeg.Listener answersOnly() {
        return new ClientLeg.Listener() {
            @Override
            public void onRinging(ClientLeg leg) {
            }

            @Override
            public void onAnswered(ClientLeg leg, String sdp) {
                RingAll.this.onAnswered(leg, sdp);
            }

            @Override
            public void onFailed(ClientLeg leg, int status) {
                RingAll.this.onFailed(leg, status);
            }

            @Override
            public void onCalleeBye(ClientLeg leg) {
            }

            @Override
            public String onCalleeReOffer(ClientLeg leg, String offer) {
                return null;
            }

            @Override
            public void onCalleeInfo(ClientLeg leg, String contentType, String body) {
            }
        };
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
        finish(new Result.Answered(leg, sdp));
    }

    void onFailed(ClientLeg leg, int status) {
        failures.add(status);
        if (!finished && failures.size() == ringing.size()) {
            finished = true;
            finish(new Result.Failed(cause(failures)));
        }
    }

    /** Gives up: cancels every contact still ringing and ends with {@code cause}. */
    void giveUp(HangupCause cause) {
        if (finished) {
            return;
        }
        finished = true;
        ringing.forEach(ClientLeg::end);
        finish(new Result.Failed(cause));
    }

    private void finish(Result result) {
        if (timer >= 0) {
            services.media().vertx().cancelTimer(timer);
            timer = -1;
        }
        done.accept(result);
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
