package ua.vikno.pbx.sip.call;

import java.util.Optional;
import java.util.OptionalInt;

import ua.vikno.pbx.rtp.G711;
import ua.vikno.pbx.rtp.MediaDescription;
import ua.vikno.pbx.rtp.MediaDirection;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.RtpMap;
import ua.vikno.pbx.rtp.RtpPeer;
import ua.vikno.pbx.rtp.SdpAnswer;
import ua.vikno.pbx.rtp.SessionDescription;

/**
 * The SDP offer we send when we place a call (RFC 3264 section 5): PCMU, PCMA and telephone-event 101, ptime 20,
 * sendrecv; and what an answer to it agreed (section 6): the first G.711 payload type of the answer and the
 * telephone-event type it echoed.
 */
record SdpOffer(String address, int port, long sessionId, int telephoneEvent) {
    static final int TELEPHONE_EVENT = 101;

    /** What an answer agreed: format, where to send, and our direction for the answered one. */
    record Agreement(MediaFormat format, RtpPeer remote, MediaDirection direction) {
    }

    String body() {
        return "v=0\r\n"
                + "o=vikno " + sessionId + " 1 IN IP4 " + address + "\r\n"
                + "s=Vikno\r\n"
                + "c=IN IP4 " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8 " + telephoneEvent + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:" + telephoneEvent + " telephone-event/8000\r\n"
                + "a=fmtp:" + telephoneEvent + " 0-15\r\n"
                + "a=ptime:" + SdpAnswer.PTIME_MILLIS + "\r\n"
                + "a=sendrecv\r\n";
    }

    /** What an answer's SDP body agreed to; empty if it does not parse or agrees to nothing we offered. */
    static Optional<Agreement> agreed(String answer) {
        var parsed = new ua.vikno.pbx.rtp.SdpParser().parse(answer);
        return parsed.isOk() ? agreed(parsed.value()) : Optional.empty();
    }

    /** The agreement of {@code answer}, or empty if it accepted no G.711 stream (then we end the call, 488). */
    static Optional<Agreement> agreed(SessionDescription answer) {
        for (MediaDescription m : answer.media()) {
            if (!m.isActiveRtpAudio()) {
                continue;
            }
            for (int pt : m.payloadTypes()) {
                Optional<G711> law = m.rtpmap(pt).flatMap(RtpMap::g711);
                if (law.isPresent()) {
                    OptionalInt event = m.payloadTypes().stream()
                            .filter(p -> m.rtpmap(p).filter(r -> r.is(RtpMap.TELEPHONE_EVENT, G711.CLOCK_RATE))
                                    .isPresent())
                            .mapToInt(Integer::intValue).findFirst();
                    // Their direction is what they do; ours is its mirror (section 6.1).
                    return Optional.of(new Agreement(new MediaFormat(law.get(), pt, event),
                            new RtpPeer(m.connection(), m.port()), m.direction().answer()));
                }
            }
        }
        return Optional.empty();
    }
}
