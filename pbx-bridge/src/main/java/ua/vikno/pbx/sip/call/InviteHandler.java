package ua.vikno.pbx.sip.call;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.sip.SipFailure;
import ua.vikno.pbx.sip.auth.Authentication;
import ua.vikno.pbx.sip.auth.DigestAuthenticator;
import ua.vikno.pbx.sip.internal.IncomingRequest;
import ua.vikno.pbx.sip.internal.RequestHandler;
import ua.vikno.pbx.sip.trunk.TrunkSources;

/**
 * Serves INVITE (RFC 3261 section 13.3): a re-INVITE goes to its dialog; a new one is authenticated (a trunk by
 * its source address, a line by digest with a 407 challenge, section 22.3, under the same brute-force limiter as
 * REGISTER), then routed: a line dialling an emergency number leaves through the outbound trunk whatever its
 * dial-out (404 and an error logged when there is no trunk); a line dialling another line's extension is connected
 * by the engine itself (ring all its contacts, then bridge); a line dialling an external number ({@link DialPlan})
 * leaves through the outbound trunk, or gets 403 if it may not dial out; anything else is offered to the
 * incoming-call handler, or refused with 404 when there is none.
 */
public final class InviteHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InviteHandler.class);
    /** How long a number outside rings before the line hears 480. */
    static final Duration OUTBOUND_RING_TIMEOUT = Duration.ofSeconds(60);

    private final CallServices services;
    private final DigestAuthenticator authenticator;
    private final ProxyCredentials credentials;
    private final TrunkSources trunks;
    private final DialPlan dialPlan;
    private final Supplier<Optional<Consumer<Call>>> incoming;
    private final Duration ringTimeout;

    InviteHandler(CallServices services, DigestAuthenticator authenticator, TrunkSources trunks, DialPlan dialPlan,
                  Supplier<Optional<Consumer<Call>>> incoming, Duration ringTimeout) {
        this.services = services;
        this.authenticator = authenticator;
        this.credentials = new ProxyCredentials(authenticator.realm(), services.out().headers());
        this.trunks = trunks;
        this.dialPlan = dialPlan;
        this.incoming = incoming;
        this.ringTimeout = ringTimeout;
    }

    @Override
    public void handle(IncomingRequest in) {
        ToHeader to = (ToHeader) in.request().getHeader(ToHeader.NAME);
        if (to != null && to.getTag() != null) {
            SipLeg leg = services.registry().leg(in.request());
            if (leg == null) {
                services.responder().reply(in, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            } else {
                leg.onReOffer(in);
            }
            return;
        }
        if (!(in.request().getRequestURI() instanceof SipURI target) || target.getUser() == null) {
            services.responder().reply(in, Response.NOT_FOUND, null);
            return;
        }
        String fromUser = fromUser(in);
        Optional<Trunk> trunk = trunk(in);
        String dialled = trunk.map(t -> didOf(in, t, target.getUser())).orElse(target.getUser());
        Optional<Party> caller = trunk.isPresent() ? Optional.of(Party.resident(fromUser)) : identify(in, fromUser);
        if (caller.isEmpty()) {
            return;
        }
        if (caller.get().line() && dialPlan.emergency(dialled)) {
            emergencyCall(in, caller.get(), dialled);
            return;
        }
        boolean internal = caller.get().line() && services.line(dialled).isPresent();
        if (!internal && caller.get().line() && dialPlan.external(dialled)) {
            dialOut(in, caller.get(), dialled);
            return;
        }
        Optional<Consumer<Call>> handler = incoming.get();
        if (!internal && handler.isEmpty()) {
            services.responder().reply(in, Response.NOT_FOUND, null);
            return;
        }
        ServerLeg leg = new ServerLeg(in, services.responder(), services.out(), services.registry(),
                services.sessionExpires());
        leg.onInvite();
        SipCall call = new SipCall(services, leg, caller.get(), dialled);
        LOG.info("call={} from {} ({}) to {} over {}", call.id(), caller.get().number(), in.source(), dialled,
                internal ? "the internal dial plan" : "the incoming-call handler");
        if (internal) {
            connectInternally(call, dialled);
        } else {
            handler.get().accept(call);
        }
    }

    /**
     * A line dialled an external number: through the outbound trunk if the line may dial out, else 403 and the
     * provider never hears of it.
     */
    private void dialOut(IncomingRequest in, Party caller, String number) {
        boolean allowed = services.line(caller.number()).map(ua.vikno.config.Line::dialOut).orElse(false);
        if (!allowed || dialPlan.outbound().isEmpty()) {
            LOG.info("line {} may not dial out: {} refused", caller.number(), number);
            services.responder().reply(in, allowed ? Response.NOT_FOUND : Response.FORBIDDEN,
                    allowed ? "No Outbound Trunk" : "Dial-Out Not Allowed");
            return;
        }
        throughTrunk(in, caller, number, dialPlan.outbound().get());
    }

    /** A line called an emergency service: through the outbound trunk whether or not the line may dial out. */
    private void emergencyCall(IncomingRequest in, Party caller, String number) {
        if (dialPlan.outbound().isEmpty()) {
            LOG.error("line {} called emergency number {} but there is no trunk to reach it: refused with 404",
                    caller.number(), number);
            services.responder().reply(in, Response.NOT_FOUND, "No Outbound Trunk");
            return;
        }
        LOG.info("line {} calls emergency number {}: it goes out whatever the line's dial-out",
                caller.number(), number);
        throughTrunk(in, caller, number, dialPlan.outbound().get());
    }

    private void throughTrunk(IncomingRequest in, Party caller, String number, Trunk trunk) {
        ServerLeg leg = new ServerLeg(in, services.responder(), services.out(), services.registry(),
                services.sessionExpires());
        leg.onInvite();
        SipCall call = new SipCall(services, leg, caller, number);
        LOG.info("call={} from line {} to {} through trunk {}", call.id(), caller.number(), number, trunk.id());
        connect(call, new Destination.External(number, trunk.id()), OUTBOUND_RING_TIMEOUT);
    }

    /** A line called another line: ring all its contacts; if nobody takes it, refuse with the cause's status. */
    private void connectInternally(SipCall call, String extension) {
        if (extension.equals(call.caller().number())) {
            call.hangup(ua.vikno.pbx.HangupCause.BUSY);
            return;
        }
        connect(call, new Destination.Line(extension), ringTimeout);
    }

    private static void connect(SipCall call, Destination destination, Duration ringTimeout) {
        call.connect(new ConnectRequest(List.of(destination), ringTimeout, Optional.empty(),
                Optional.empty())).onComplete(done -> {
                    if (done.failed()) {
                        call.hangup(ua.vikno.pbx.HangupCause.SYSTEM_ERROR);
                    } else if (done.result() instanceof ConnectOutcome.NotConnected nc) {
                        call.hangup(nc.cause());
                    }
                });
    }

    /** The trunk the INVITE came from, by source address ({@link TrunkSources}: IP:port before IP, host names by
     *  the IPs they resolve to, a register trunk also by its registrar's IP). */
    private Optional<Trunk> trunk(IncomingRequest in) {
        return trunks.match(in.address(), in.port());
    }

    /**
     * The dialled number of a trunk's call: the Request-URI's user, except that a provider we register with sends
     * calls to our registration's user (the Contact we registered), and then the DID is the To header's user.
     */
    private static String didOf(IncomingRequest in, Trunk trunk, String requestUser) {
        boolean toRegistration = trunk.registration().map(r -> r.username().equals(requestUser)).orElse(false);
        if (!toRegistration) {
            return requestUser;
        }
        ToHeader to = (ToHeader) in.request().getHeader(ToHeader.NAME);
        return to != null && to.getAddress().getURI() instanceof SipURI sip && sip.getUser() != null
                ? sip.getUser() : requestUser;
    }

    /** The line calling, or empty when the INVITE was answered here with 407 or 403. */
    private Optional<Party> identify(IncomingRequest in, String fromUser) {
        Authentication auth;
        try {
            auth = authenticator.authenticate("INVITE", credentials.read(in.request()), fromUser, in.address());
        } catch (SipFailure.BadRequest e) {
            services.responder().reply(in, Response.BAD_REQUEST, e.reason());
            return Optional.empty();
        }
        if (auth instanceof Authentication.Challenged challenged) {
            Response response = services.responder().create(in, Response.PROXY_AUTHENTICATION_REQUIRED, null);
            response.setHeader(credentials.challenge(challenged.challenge()));
            services.responder().send(in, response);
            return Optional.empty();
        }
        if (auth instanceof Authentication.LockedOut || auth instanceof Authentication.Refused
                || !((Authentication.Authenticated) auth).username().equals(fromUser)) {
            // A line calls only as itself; a locked-out user or address, or refused credentials, like REGISTER.
            services.responder().reply(in, Response.FORBIDDEN, null);
            return Optional.empty();
        }
        return Optional.of(services.party(fromUser));
    }

    private static String fromUser(IncomingRequest in) {
        FromHeader from = (FromHeader) in.request().getHeader(FromHeader.NAME);
        return from != null && from.getAddress().getURI() instanceof SipURI sip && sip.getUser() != null
                ? sip.getUser() : "anonymous";
    }
}
