package ua.vikno.pbx.sip.call;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sip.address.Address;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.sip.registrar.Binding;

/**
 * Places a call from Vikno to a line (RFC 3261 section 13.2): rings every registered contact with our SDP
 * offer, keeps the first that answers and hands it over as an answered {@link SipCall}. Our own lines are not
 * challenged for digest. Runs on the engine's context.
 */
final class Originator {
    private final CallServices services;

    Originator(CallServices services) {
        this.services = services;
    }

    Future<Call> originate(Destination first, String callerId, Duration ringTimeout) {
        if (!(first instanceof Destination.Line line) || services.line(line.extension()).isEmpty()) {
            return Future.failedFuture(new CallFailure(HangupCause.UNAVAILABLE,
                    "only configured lines can be called first, not " + first));
        }
        String extension = line.extension();
        if (services.registry().busy(extension)) {
            return Future.failedFuture(new CallFailure(HangupCause.BUSY,
                    "line " + extension + " is on a call or in do-not-disturb"));
        }
        return services.locations().bindings(services.aor(extension)).compose(bindings -> {
            if (bindings.isEmpty()) {
                return Future.failedFuture(new CallFailure(HangupCause.UNAVAILABLE,
                        "line " + extension + " is not registered"));
            }
            return services.media().open("o-" + extension + "-" + Long.toHexString(System.nanoTime()))
                    .compose(media -> ring(extension, bindings, media, callerId, ringTimeout));
        });
    }

    private Future<Call> ring(String extension, List<Binding> bindings, RtpSession media, String callerId,
                              Duration ringTimeout) {
        Promise<Call> result = Promise.promise();
        long sessionId = System.nanoTime() & Long.MAX_VALUE;
        RingAll ring = new RingAll(services, outcome -> {
            if (outcome instanceof RingAll.Result.Answered answered) {
                Optional<SdpOffer.Agreement> agreed = SdpOffer.agreed(answered.sdp());
                if (agreed.isEmpty()) {
                    answered.leg().end();
                    media.close();
                    result.fail(new CallFailure(HangupCause.INCOMPATIBLE_MEDIA, "no G.711 in the answer"));
                    return;
                }
                media.configure(agreed.get().format(), agreed.get().remote(), agreed.get().direction());
                Party party = services.party(extension);
                result.complete(SipCall.originated(services, answered.leg(), media, party, extension));
            } else {
                media.close();
                HangupCause cause = ((RingAll.Result.Failed) outcome).cause();
                result.fail(new CallFailure(cause, "line " + extension + " did not answer"));
            }
        });
        ClientLeg.Listener listener = ring.answersOnly();
        for (Binding b : bindings) {
            ring.addLine(b.contact(), address("sip:" + callerId + "@" + services.domain()),
                    address(services.aor(extension)), listener);
        }
        ring.start(services.media().offer(media.localPort(), sessionId).body(), ringTimeout);
        return result.future();
    }

    private Address address(String uri) {
        try {
            return services.out().addresses().createAddress(uri);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a SIP URI: " + uri, e);
        }
    }
}
