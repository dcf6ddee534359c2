package ua.vikno.pbx.sip.call;

import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.RtpTranslator;

/**
 * The media of a bridged call: RTP relayed both ways packet by packet through {@link RtpTranslator}s (RFC 3550
 * section 7.1; the received datagram rewritten in place: untouched when both legs use the same G.711 law and
 * payload type, transcoded otherwise), except toward a leg that
 * has audio injected, which hears its {@link LegMixer} instead. Runs on the receiving session's context.
 */
final class BridgeRelay {
    private final RtpSession caller;
    private final RtpSession callee;

    private BridgeRelay(RtpSession caller, RtpSession callee) {
        this.caller = caller;
        this.callee = callee;
    }

    static BridgeRelay connect(RtpSession caller, RtpSession callee, LegMixer towardCaller, LegMixer towardCallee) {
        RtpTranslator toCallee = new RtpTranslator(caller.format(), callee.format());
        RtpTranslator toCaller = new RtpTranslator(callee.format(), caller.format());
        towardCallee.target(callee);
        caller.onDatagram(datagram -> {
            if (!towardCallee.active() && toCallee.translateInPlace(datagram)) {
                callee.relayDatagram(datagram);
            }
        });
        callee.onDatagram(datagram -> {
            if (!towardCaller.active() && toCaller.translateInPlace(datagram)) {
                caller.relayDatagram(datagram);
            }
        });
        return new BridgeRelay(caller, callee);
    }

    /** Stops relaying; again is harmless. */
    void disconnect() {
        caller.onDatagram(datagram -> { });
        callee.onDatagram(datagram -> { });
    }
}
