package ua.vikno.pbx.sip.call;

import java.text.ParseException;
import java.time.Duration;
import java.util.ListIterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.vertx.core.Vertx;

/**
 * The session timer of RFC 4028 as the answering side of a call whose INVITE asked for one: our 2xx names the
 * interval (the smaller of the asked one and our maximum) with the caller as refresher (section 9); every
 * re-INVITE or UPDATE refreshes it; without a refresh the call is ended shortly before the session expires
 * (section 10: at the interval minus the smaller of 32 s and a third of it). Used on the engine's context.
 */
final class SessionTimer {
    private static final Pattern INTERVAL = Pattern.compile("^\\s*(\\d{1,9})");

    private final Duration interval;
    private final boolean callerSupportsTimer;
    private final Vertx vertx;
    private final Runnable onExpired;
    private long timer = -1;

    private SessionTimer(Duration interval, boolean callerSupportsTimer, Vertx vertx, Runnable onExpired) {
        this.interval = interval;
        this.callerSupportsTimer = callerSupportsTimer;
        this.vertx = vertx;
        this.onExpired = onExpired;
    }

    /** A timer when {@code invite} carries Session-Expires (section 7.1), else none. */
    static Optional<SessionTimer> requested(Request invite, Duration maximum, Vertx vertx, Runnable onExpired) {
        Header header = invite.getHeader("Session-Expires");
        if (header == null) {
            header = invite.getHeader("x"); // the compact form (section 4)
        }
        if (header == null) {
            return Optional.empty();
        }
        String value = header.toString().substring(header.toString().indexOf(':') + 1);
        Matcher m = INTERVAL.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(m.group(1)));
        Duration chosen = asked.compareTo(maximum) < 0 ? asked : maximum;
        return Optional.of(new SessionTimer(chosen, supportsTimer(invite), vertx, onExpired));
    }

    /** Adds Session-Expires with refresher=uac, and Require: timer when the caller supports it (section 9). */
    void decorate(Response ok, HeaderFactory headers) {
        try {
            ok.setHeader(headers.createHeader("Session-Expires", interval.toSeconds() + ";refresher=uac"));
            if (callerSupportsTimer) {
                ok.addHeader(headers.createRequireHeader("timer"));
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts or restarts the interval: the session was answered or refreshed (section 10). */
    void refresh() {
        cancel();
        long seconds = interval.toSeconds();
        long endAfter = Math.max(1, seconds - Math.min(32, seconds / 3));
        timer = vertx.setTimer(endAfter * 1000, t -> {
            timer = -1;
            onExpired.run();
        });
    }

    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    Duration interval() {
        return interval;
    }

    private static boolean supportsTimer(Request invite) {
        for (ListIterator<?> it = invite.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
            if ("timer".equalsIgnoreCase(((SupportedHeader) it.next()).getOptionTag())) {
                return true;
            }
        }
        return false;
    }
}
