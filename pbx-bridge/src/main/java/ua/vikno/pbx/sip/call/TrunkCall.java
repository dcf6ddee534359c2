package ua.vikno.pbx.sip.call;

import java.text.ParseException;

import javax.sip.address.Address;

import ua.vikno.config.Trunk;
import ua.vikno.pbx.sip.auth.ChallengeAnswer;
import ua.vikno.pbx.sip.auth.DigestClient;

/**
 * The callee leg of a call that leaves through a provider's trunk: an INVITE to {@code number} at the trunk's host
 * and port, From and P-Asserted-Identity (RFC 3325 section 9.1) naming the caller id the provider should show,
 * and the trunk's registration credentials for the provider's 401/407 (RFC 3261 section 22.2).
 */
final class TrunkCall {
    private final CallServices services;

    TrunkCall(CallServices services) {
        this.services = services;
    }

    ClientLeg leg(String target, String number, Trunk trunk, String callerId, ClientLeg.Listener listener) {
        try {
            Address from = services.out().addresses().createAddress("sip:" + callerId + "@" + trunk.host());
            Address to = services.out().addresses().createAddress("sip:" + number + "@" + trunk.host());
            ClientLeg leg = new ClientLeg(target, from, to, services.out(), services.responder(), services.registry(),
                    listener);
            leg.with(services.out().headers().createHeader("P-Asserted-Identity", "<sip:" + callerId + "@"
                    + trunk.host() + ">"));
            trunk.registration().ifPresent(r -> leg.authenticating(new ChallengeAnswer(
                    new DigestClient(r.username(), r.password().value()), services.out().headers())));
            return leg;
        } catch (ParseException e) {
            throw new IllegalArgumentException("trunk " + trunk.id() + ": cannot call " + number + " as " + callerId, e);
        }
    }
}
