package ua.vikno.pbx.sip.trunk;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Network;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.sip.auth.ChallengeAnswer;
import ua.vikno.pbx.sip.auth.DigestClient;
import ua.vikno.pbx.sip.call.SipOutbound;

/**
 * The registration Vikno keeps with a provider for a {@link Trunk.Mode#REGISTER} trunk (RFC 3261 section 10.2):
 * REGISTER with our Contact, answered 401/407 with the trunk's credentials (section 22.2), asked again at once with
 * the provider's Min-Expires after a 423 (section 10.2.8), refreshed at half the expiry the provider granted,
 * retried with doubling back-off after a refusal or a timeout, and removed with Expires: 0 on stop while the last
 * binding granted has not lapsed (section 10.2.2). One Call-ID and increasing CSeq for all of them (section 10.2.4). Runs on
 * the engine's context.
 */
public final class TrunkRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkRegistration.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Duration UNREGISTER_WAIT = Duration.ofSeconds(2);

    /** Where the registration is. */
    public enum State {
        /** Not registered yet. */
        UNREGISTERED,
        /** A REGISTER is out; no final answer yet. */
        REGISTERING,
        /** The provider accepted it; a refresh is scheduled at half the granted expiry. */
        REGISTERED,
        /** The last attempt was refused or timed out; another is scheduled with back-off. */
        FAILED,
        /** Stopped, and removed from the provider if it was registered. */
        STOPPED
    }

    /**
     * What the server shows of one registration.
     *
     * @param expiresAt     when the binding the provider last granted lapses unless refreshed, in every state (a
     *                      refresh in flight or failed leaves it as granted); empty before the first grant and once
     *                      stopped, when the binding is removed
     * @param lastFailure   why the last attempt failed, if it did
     * @param registrations REGISTERs the provider accepted since start (refreshes included)
     */
    public record Status(String trunk, State state, Optional<Instant> expiresAt, Optional<String> lastFailure,
                         long registrations) {
        /**
         * Whether the provider holds our binding at {@code now}: one was granted and has not lapsed, whatever became
         * of the refreshes since (one in flight or failed does not make the trunk unreachable), and we have not
         * removed it by stopping.
         */
        public boolean bound(Instant now) {
            return state != State.STOPPED && expiresAt.map(now::isBefore).orElse(false);
        }
    }

    private final Trunk trunk;
    private final Trunk.Registration credentials;
    private final SipOutbound out;
    private final TrunkSources sources;
    private final Vertx vertx;
    private final Clock clock;
    private final String transport;
    private String callId;
    private final String localTag = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    private long cseq;
    private long timer = -1;
    private Duration retryAfter = FIRST_RETRY;
    /** The expiry we ask for: the configured one, raised by a 423's Min-Expires. */
    private Duration requested;
    /** When the binding the provider last granted lapses; null if it never granted one. */
    private Instant bindingUntil;
    private ChallengeAnswer challenges;
    private Promise<Void> unregistered;
    private volatile Status status;

    TrunkRegistration(Trunk trunk, SipOutbound out, TrunkSources sources, Clock clock) {
        this.trunk = trunk;
        this.credentials = trunk.registration().orElseThrow(() -> new IllegalArgumentException(
                "trunk " + trunk.id() + " has no registration credentials"));
        this.out = out;
        this.sources = sources;
        this.requested = credentials.expiry();
        this.vertx = out.context().owner();
        this.clock = clock;
        this.transport = trunk.transport() == Network.Transport.UDP ? "udp" : "tcp";
        this.status = new Status(trunk.id(), State.UNREGISTERED, Optional.empty(), Optional.empty(), 0);
    }

    public Status status() {
        return status;
    }

    String callId() {
        return callId;
    }

    /** Sends the first REGISTER; call once the engine's listening points are open. */
    void start() {
        callId = out.newCallId().getCallId();
        register(requested);
    }

    /**
     * Removes the binding (Expires: 0) while the last one granted has not lapsed, whatever the state (a refresh in
     * flight, or one that failed); completes on the answer or after a short wait.
     */
    Future<Void> stop() {
        cancelTimer();
        boolean live = bindingUntil != null && clock.instant().isBefore(bindingUntil);
        bindingUntil = null;
        move(State.STOPPED, Optional.empty());
        if (!live) {
            return Future.succeededFuture();
        }
        unregistered = Promise.promise();
        challenges = new ChallengeAnswer(new DigestClient(credentials.username(), credentials.password().value()),
                out.headers());
        send(Duration.ZERO);
        long wait = vertx.setTimer(UNREGISTER_WAIT.toMillis(), t -> unregistered.tryComplete());
        return unregistered.future().onComplete(x -> vertx.cancelTimer(wait));
    }

    void onResponse(Response response) {
        CSeqHeader c = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        int code = response.getStatusCode();
        if (c == null || c.getSeqNumber() != cseq || code < 200) {
            return;
        }
        if (status.state() == State.STOPPED) {
            if (ChallengeAnswer.isChallenge(code) && resend(response, Duration.ZERO)) {
                return;
            }
            LOG.info("trunk={} unregistered: {} {}", trunk.id(), code, response.getReasonPhrase());
            if (unregistered != null) {
                unregistered.tryComplete();
            }
            return;
        }
        if (code < 300) {
            Duration granted = granted(response).orElse(requested);
            retryAfter = FIRST_RETRY;
            bindingUntil = clock.instant().plus(granted);
            source(response).ifPresent(ip -> sources.onRegistered(trunk, ip));
            boolean first = status.registrations() == 0 || status.lastFailure().isPresent();
            status = new Status(trunk.id(), State.REGISTERED, Optional.of(bindingUntil), Optional.empty(),
                    status.registrations() + 1);
            if (first) {
                LOG.info("trunk={} registered with {} for {} s", trunk.id(), trunk.host() + ":" + trunk.port(),
                        granted.toSeconds());
            } else {
                LOG.debug("trunk={} registration refreshed for {} s", trunk.id(), granted.toSeconds());
            }
            schedule(granted.dividedBy(2).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : granted.dividedBy(2), () -> register(requested));
        } else if (ChallengeAnswer.isChallenge(code) && resend(response, requested)) {
            LOG.debug("trunk={} REGISTER challenged with {}: sent again with credentials", trunk.id(), code);
        } else if (code == Response.INTERVAL_TOO_BRIEF && minExpires(response).isPresent()) {
            requested = minExpires(response).get();
            LOG.info("trunk={} REGISTER interval too brief: asking again for {} s", trunk.id(), requested.toSeconds());
            register(requested);
        } else {
            fail(code + " " + response.getReasonPhrase());
        }
    }

    void onTimeout(Request request) {
        CSeqHeader c = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (c != null && c.getSeqNumber() == cseq) {
            if (status.state() == State.STOPPED) {
                if (unregistered != null) {
                    unregistered.tryComplete();
                }
            } else {
                fail("no answer (timeout)");
            }
        }
    }

    private void register(Duration expiry) {
        challenges = new ChallengeAnswer(new DigestClient(credentials.username(), credentials.password().value()),
                out.headers());
        move(State.REGISTERING, status.lastFailure());
        send(expiry);
    }

    private boolean resend(Response challenge, Duration expiry) {
        Request retry = request(expiry);
        if (!challenges.authorize(challenge, retry)) {
            return false;
        }
        dispatch(retry);
        return true;
    }

    private void send(Duration expiry) {
        dispatch(request(expiry));
    }

    private void dispatch(Request request) {
        out.send(request).onFailure(e -> {
            if (status.state() != State.STOPPED) {
                fail("not sent: " + e.getMessage());
            } else if (unregistered != null) {
                unregistered.tryComplete();
            }
        });
    }

    /** A REGISTER with the next CSeq (section 10.2): To and From our address-of-record at the provider. */
    private Request request(Duration expiry) {
        HeaderFactory h = out.headers();
        try {
            SipURI registrar = out.addresses().createSipURI(null, trunk.host());
            registrar.setPort(trunk.port());
            if (!"udp".equals(transport)) {
                registrar.setTransportParam(transport);
            }
            Address aor = out.addresses().createAddress(out.addresses().createSipURI(credentials.username(),
                    trunk.host()));
            CallIdHeader id = h.createCallIdHeader(callId);
            Request r = out.messages().createRequest(registrar, Request.REGISTER, id,
                    h.createCSeqHeader(++cseq, Request.REGISTER), h.createFromHeader(aor, localTag),
                    h.createToHeader(aor, null), out.via(transport), h.createMaxForwardsHeader(70));
            r.addHeader(out.contact(credentials.username(), transport));
            r.addHeader(h.createExpiresHeader((int) expiry.toSeconds()));
            return r;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("trunk " + trunk.id() + ": cannot build a REGISTER", e);
        }
    }

    /** A 423's Min-Expires when it is longer than what we asked for (section 10.2.8), so a retry can succeed. */
    private Optional<Duration> minExpires(Response tooBrief) {
        MinExpiresHeader m = (MinExpiresHeader) tooBrief.getHeader(MinExpiresHeader.NAME);
        return m != null && m.getExpires() > requested.toSeconds() ? Optional.of(Duration.ofSeconds(m.getExpires()))
                : Optional.empty();
    }

    /** The IP a response came from, as the stack saw the datagram or connection. */
    private static Optional<String> source(Response response) {
        if (response instanceof gov.nist.javax.sip.message.SIPMessage m) {
            java.net.InetAddress a = m.getPeerPacketSourceAddress() != null ? m.getPeerPacketSourceAddress()
                    : m.getRemoteAddress();
            return Optional.ofNullable(a).map(java.net.InetAddress::getHostAddress);
        }
        return Optional.empty();
    }

    /** The expiry the provider granted: our Contact's expires parameter, else Expires (section 10.2.4). */
    private Optional<Duration> granted(Response ok) {
        for (ListIterator<?> it = ok.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getExpires() >= 0 && c.getAddress().getURI() instanceof SipURI uri
                    && credentials.username().equals(uri.getUser())) {
                return Optional.of(Duration.ofSeconds(c.getExpires()));
            }
        }
        ExpiresHeader e = (ExpiresHeader) ok.getHeader(ExpiresHeader.NAME);
        return e == null ? Optional.empty() : Optional.of(Duration.ofSeconds(e.getExpires()));
    }

    private void fail(String reason) {
        Duration wait = retryAfter;
        retryAfter = retryAfter.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryAfter.multipliedBy(2);
        LOG.warn("trunk={} registration with {} failed: {}; next attempt in {} s", trunk.id(),
                trunk.host() + ":" + trunk.port(), reason, wait.toSeconds());
        move(State.FAILED, Optional.of(reason));
        schedule(wait, () -> register(requested));
    }

    /** Moves to {@code state}; the status shows the binding as last granted ({@link Status#expiresAt}). */
    private void move(State state, Optional<String> failure) {
        status = new Status(trunk.id(), state, Optional.ofNullable(bindingUntil), failure, status.registrations());
    }

    private void schedule(Duration delay, Runnable action) {
        cancelTimer();
        timer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
            timer = -1;
            if (status.state() != State.STOPPED) {
                action.run();
            }
        });
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
