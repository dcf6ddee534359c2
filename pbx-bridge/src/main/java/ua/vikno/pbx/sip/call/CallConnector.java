package ua.vikno.pbx.sip.call;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sip.address.Address;
import javax.sip.message.Response;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.TransferHandler;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.rtp.RtpSession;

/**
 * Connects a {@link SipCall} to a callee and bridges them (RFC 3261 section 6, B2BUA): finds the destinations'
 * contacts, rings them all ({@link RingAll} over {@link ClientLeg}s), bridges the first that answers, and takes
 * the callee leg's events (BYE, re-INVITE, a blind transfer by REFER). Runs on the engine's context.
 */
final class CallConnector {
    private static final Logger LOG = LoggerFactory.getLogger(CallConnector.class);

    private final SipCall call;
    /** The callee's early media relayed to the caller while it rings (RFC 3960). */
    private BridgeRelay earlyRelay;

    CallConnector(SipCall call) {
        this.call = call;
    }

    /** Rings the request's destinations; completes with the bridged party or the cause nobody was reached. */
    Future<ConnectOutcome> start(ConnectRequest request) {
        if (call.state == CallState.ENDED) {
            return Future.succeededFuture(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
        }
        if (call.state == CallState.CONNECTING || call.state == CallState.BRIDGED) {
            return Future.failedFuture(new IllegalStateException("call " + call.id + " is already " + call.state));
        }
        CallState before = call.state;
        call.state = CallState.CONNECTING;
        call.callerSide.ring();
        Promise<ConnectOutcome> result = Promise.promise();
        new ContactLookup(call.services).find(request.destinations()).onComplete(found -> {
            if (call.state != CallState.CONNECTING) {
                result.tryComplete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
            } else if (found.result().contacts().isEmpty()) {
                call.state = before;
                result.tryComplete(new ConnectOutcome.NotConnected(found.result().ifNone()));
            } else {
                ring(found.result().contacts(), request, before, result);
            }
        });
        return result.future();
    }

    private void ring(Map<String, ContactLookup.Callee> contacts, ConnectRequest request, CallState before,
                      Promise<ConnectOutcome> result) {
        call.services.media().open(call.id + "-callee").onComplete(opened -> {
            if (opened.failed()) {
                LOG.warn("call={} no RTP session for the callee: {}", call.id, opened.cause().toString());
                call.state = before;
                result.tryComplete(new ConnectOutcome.NotConnected(HangupCause.SYSTEM_ERROR));
                return;
            }
            RtpSession media = opened.result();
            if (call.state != CallState.CONNECTING) {
                media.close();
                result.tryComplete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
                return;
            }
            Map<ClientLeg, ContactLookup.Callee> byLeg = new HashMap<>();
            SipCall.Connection[] self = new SipCall.Connection[1];
            RingAll ringAll = new RingAll(call.services, outcome -> onRingEnded(self[0], outcome));
            ClientLeg.Listener listener = new CalleeEvents(ringAll);
            for (Map.Entry<String, ContactLookup.Callee> contact : contacts.entrySet()) {
                ContactLookup.Callee callee = contact.getValue();
                ClientLeg leg;
                if (callee.trunk().isPresent()) {
                    ua.vikno.config.Trunk trunk = callee.trunk().get();
                    leg = new TrunkCall(call.services).leg(contact.getKey(), callee.number(), trunk,
                            callerId(request, trunk), listener);
                    ringAll.add(leg);
                } else {
                    leg = ringAll.addLine(contact.getKey(), fromAddress(request),
                            address(call.services.aor(callee.number()), null), listener);
                }
                byLeg.put(leg, callee);
            }
            self[0] = new SipCall.Connection(ringAll, media, byLeg, before, result);
            call.connecting = self[0];
            ringAll.start(call.services.media().offer(media.localPort(), call.sessionId).body(),
                    request.ringTimeout());
        });
    }

    /**
     * The number a provider shows the callee: the request's, else the trunk's own for a call from a line (a line's
     * extension means nothing outside), else the resident's number.
     */
    private String callerId(ConnectRequest request, ua.vikno.config.Trunk trunk) {
        return request.callerId().orElseGet(() -> call.caller.line() && !trunk.callerId().isBlank()
                ? trunk.callerId() : call.caller.number());
    }

    /** The ring group ended: bridge the winner, or go back to where the call was. */
    private void onRingEnded(SipCall.Connection c, RingAll.Result outcome) {
        stopEarlyMedia();
        call.connecting = null;
        if (outcome instanceof RingAll.Result.Answered answered && call.state == CallState.CONNECTING) {
            Optional<SdpOffer.Agreement> agreed = SdpOffer.agreed(answered.sdp());
            if (agreed.isEmpty()) {
                answered.leg().end();
                c.media().close();
                call.state = c.before();
                c.result().tryComplete(new ConnectOutcome.NotConnected(HangupCause.INCOMPATIBLE_MEDIA));
                return;
            }
            SdpOffer.Agreement a = agreed.get();
            c.media().configure(a.format(), a.remote(), a.direction()).onInactive(call::onMediaTimeout)
                    .onAudio(pcm -> {
                        call.taps.onAudio(Leg.CALLEE, pcm);
                        call.towardCaller.onHeard(pcm);
                    }, () -> call.taps.listening() || call.towardCaller.active());
            ContactLookup.Callee callee = c.callees().get(answered.leg());
            String extension = callee.number();
            Party party = callee.party(call.services);
            call.answerCaller().onFailure(e -> LOG.info("call={} caller not confirmed: {}", call.id, e.toString()));
            call.callerReady.onComplete(ready -> {
                if (ready.failed() || call.state != CallState.CONNECTING) {
                    answered.leg().end();
                    c.media().close();
                    c.result().tryComplete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
                } else {
                    bridge(c, answered.leg(), party, extension);
                }
            });
        } else {
            if (outcome instanceof RingAll.Result.Answered answered) {
                answered.leg().end();
            }
            c.media().close();
            if (call.state == CallState.CONNECTING) {
                call.state = c.before();
            }
            HangupCause cause = outcome instanceof RingAll.Result.Failed f ? f.cause() : HangupCause.CALLER_ABANDONED;
            c.result().tryComplete(new ConnectOutcome.NotConnected(cause));
        }
    }

    private void bridge(SipCall.Connection c, ClientLeg leg, Party party, String extension) {
        call.prompts.stop(call.callerMedia, PlaybackOutcome.STOPPED);
        call.bridged = new SipCall.Bridged(leg, c.media(), BridgeRelay.connect(call.callerMedia, c.media(), call.towardCaller, call.towardCallee),
                party, extension);
        if (call.services.line(extension).isPresent() && party.line()) {
            call.services.registry().lineJoined(extension);
        }
        call.operator = party;
        call.state = CallState.BRIDGED;
        call.bridgedAt = call.services.clock().instant();
        LOG.info("call={} bridged {} to {} ({} -> {})", call.id, call.caller.number(), party.number(),
                call.callerMedia.format().codec(), c.media().format().codec());
        call.emit(new CallEvent.Bridged(call.bridgedAt, party));
        c.result().tryComplete(new ConnectOutcome.Bridged(party));
    }

    private Address fromAddress(ConnectRequest request) {
        String number = request.callerId().orElse(call.caller.number());
        return address("sip:" + number + "@" + call.services.domain(), call.caller.name().orElse(null));
    }

    private Address address(String uri, String displayName) {
        try {
            Address a = call.services.out().addresses().createAddress(uri);
            if (displayName != null) {
                a.setDisplayName(displayName);
            }
            return a;
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a SIP URI: " + uri, e);
        }
    }

    /** Whether the caller hears a callee now, bridged or by early media: no prompt may start over it. */
    boolean calleeHeard() {
        return earlyRelay != null || call.bridged != null;
    }

    /**
     * A callee sent early media (183 with SDP): its media is configured from that answer and relayed to the caller,
     * who gets 183 with our answer if not answered yet. The first such callee is heard; a prompt still playing to
     * the caller stops first, so the two never overlap.
     */
    private void onEarlyMedia(SipCall.Connection c, ClientLeg leg, String sdp) {
        Optional<SdpOffer.Agreement> agreed = SdpOffer.agreed(sdp);
        if (agreed.isEmpty() || earlyRelay != null) {
            return;
        }
        SdpOffer.Agreement a = agreed.get();
        c.media().configure(a.format(), a.remote(), a.direction());
        call.callerEarlyMedia().onSuccess(v -> {
            if (call.connecting == c && call.state == CallState.CONNECTING && earlyRelay == null) {
                LOG.info("call={} early media from {}", call.id, leg.contact());
                call.prompts.stop(call.callerMedia, PlaybackOutcome.STOPPED);
                earlyRelay = BridgeRelay.connect(call.callerMedia, c.media(), call.towardCaller, call.towardCallee);
            }
        }).onFailure(e -> LOG.info("call={} early media not relayed: {}", call.id, e.getMessage()));
    }

    private void stopEarlyMedia() {
        if (earlyRelay != null) {
            earlyRelay.disconnect();
            earlyRelay = null;
        }
    }

    /** Events of the callee legs of one connection attempt. */
    private final class CalleeEvents implements ClientLeg.Listener {
        private final RingAll ring;

        CalleeEvents(RingAll ring) {
            this.ring = ring;
        }

        @Override
        public void onRinging(ClientLeg leg) {
            SipCall.Connection c = call.connecting;
            if (c != null && c.ring() == ring) {
                call.emit(new CallEvent.Ringing(call.services.clock().instant(), c.callees().get(leg).party(call.services)));
            }
        }

        @Override
        public void onEarlyMedia(ClientLeg leg, String sdp) {
            SipCall.Connection c = call.connecting;
            if (c != null && c.ring() == ring) {
                CallConnector.this.onEarlyMedia(c, leg, sdp);
            }
        }

        @Override
        public void onAnswered(ClientLeg leg, String sdp) {
            ring.onAnswered(leg, sdp);
        }

        @Override
        public void onFailed(ClientLeg leg, int status) {
            LOG.info("call={} {} answered {}", call.id, leg.contact(), status);
            ring.onFailed(leg, status);
        }

        @Override
        public void onCalleeBye(ClientLeg leg) {
            if (call.bridged != null && call.bridged.leg() == leg) {
                call.emit(new CallEvent.Unbridged(call.services.clock().instant(), call.bridged.party()));
                call.end(HangupCause.NORMAL, Optional.of(Leg.CALLEE));
            }
        }

        @Override
        public String onCalleeReOffer(ClientLeg leg, String offer) {
            if (call.bridged == null || call.bridged.leg() != leg) {
                return null;
            }
            return call.reAnswer(offer, call.bridged.media());
        }

        @Override
        public void onCalleeInfo(ClientLeg leg, String contentType, String body) {
            // Digits of the call.operator are not events of the call.caller's call.
        }

        @Override
        public boolean onCalleeRefer(ClientLeg leg, String target) {
            if (call.bridged == null || call.bridged.leg() != leg) {
                return false;
            }
            if (call.services.line(target).isPresent()) {
                transfer(leg, target);
                return true;
            }
            Optional<TransferHandler> handler = call.services.transfers().taking(target);
            handler.ifPresent(h -> transfer(leg, target, h));
            return handler.isPresent();
        }
    }

    /**
     * A blind transfer asked by the operator (RFC 3515, RFC 5589 section 6): the call.caller leaves the call.operator and
     * rings {@code target}; the call.operator hears how it went by NOTIFY and hangs up (or is hung up on after a grace
     * time). If nobody takes the call.caller, the call ends with that cause.
     */
    private void transfer(ClientLeg from, String target) {
        leaveOperator(target);
        start(new ConnectRequest(List.of(new Destination.Line(target)), SipPbx.INTERNAL_RING_TIMEOUT,
                Optional.empty(), Optional.empty())).onComplete(done -> {
                    if (done.succeeded() && done.result() instanceof ConnectOutcome.Bridged) {
                        from.notifyTransfer(Response.OK, "OK", true);
                    } else {
                        HangupCause cause = done.succeeded()
                                ? ((ConnectOutcome.NotConnected) done.result()).cause() : HangupCause.SYSTEM_ERROR;
                        from.notifyTransfer(RingAll.status(cause), cause.name(), true);
                        call.end(cause, Optional.empty());
                    }
                    call.services.media().vertx().setTimer(5000, t -> from.end());
                });
    }

    /**
     * A blind transfer to a target that is not a line, such as a department: the caller leaves the operator and
     * {@code handler} routes them on (its ring group, its fallback); the operator hears by NOTIFY whether the
     * caller was connected. The handler owns the call from here, so a caller not connected is not hung up here.
     */
    private void transfer(ClientLeg from, String target, TransferHandler handler) {
        leaveOperator(target);
        handler.transfer(call, target).onComplete(done -> {
            if (done.succeeded() && done.result()) {
                from.notifyTransfer(Response.OK, "OK", true);
            } else {
                from.notifyTransfer(Response.TEMPORARILY_UNAVAILABLE, "Not connected", true);
            }
            call.services.media().vertx().setTimer(5000, t -> from.end());
        });
    }

    /** The caller leaves the bridged operator for a transfer: the relay stops, the operator's media closes. */
    private void leaveOperator(String target) {
        SipCall.Bridged old = call.bridged;
        call.bridged = null;
        old.relay().disconnect();
        if (old.party().line()) {
            call.services.registry().lineLeft(old.extension());
        }
        call.state = CallState.ANSWERED;
        LOG.info("call={} transferred by {} to {}", call.id, old.party().number(), target);
        call.emit(new CallEvent.Unbridged(call.services.clock().instant(), old.party()));
        old.media().close();
    }
}
