package ua.vikno.pbx.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Our SDP answer to an offer (RFC 3264 section 6) and what it agreed: one G.711 codec chosen in the offerer's
 * order of preference, telephone-event at 8 kHz under whatever payload type the offer gave it, ptime 20 and the
 * answering direction. Every offered m-line is answered in order; all but the first usable audio stream are
 * rejected with port 0 (section 6).
 *
 * @param codec                 the chosen G.711 law
 * @param payloadType           its payload type as offered (normally the static 0 or 8)
 * @param telephoneEvent        the offered telephone-event/8000 payload type, if any (RFC 4733 section 7.1.1)
 * @param direction             the direction we answered
 * @param remoteAddress         where the offerer receives RTP (0.0.0.0 for RFC 2543 hold)
 * @param remotePort            its RTP port
 * @param body                  the answer text with CRLF line ends
 */
public record SdpAnswer(G711 codec, int payloadType, OptionalInt telephoneEvent, MediaDirection direction,
                        String remoteAddress, int remotePort, String body) {
    /** The packetisation time we send and ask for (RFC 4566 section 6, a=ptime). */
    public static final int PTIME_MILLIS = 20;

    /**
     * Our side of the answer.
     *
     * @param codecs the laws we accept; the offer's order decides among them
     */
    public record Local(String address, int port, long sessionId, long sessionVersion, List<G711> codecs) {
        public Local {
            codecs = List.copyOf(codecs);
        }
    }

    /** What the session sends and expects. */
    public MediaFormat format() {
        return new MediaFormat(codec, payloadType, telephoneEvent);
    }

    /** Where the offerer wants RTP, until its own packets are latched. */
    public RtpPeer remote() {
        return new RtpPeer(remoteAddress, remotePort);
    }

    /** Answers {@code offer}, or names why it must be refused with 488 Not Acceptable Here. */
    public static Outcome<SdpAnswer> answer(SessionDescription offer, Local local) {
        List<String> offered = new ArrayList<>();
        for (int index = 0; index < offer.media().size(); index++) {
            MediaDescription m = offer.media().get(index);
            if (m.media().equals("audio")) {
                m.payloadTypes().forEach(pt -> offered.add(m.rtpmap(pt).map(RtpMap::toString).orElse(pt.toString())));
            }
            if (!m.isActiveRtpAudio()) {
                continue;
            }
            for (int pt : m.payloadTypes()) {
                Optional<G711> law = m.rtpmap(pt).flatMap(RtpMap::g711).filter(local.codecs()::contains);
                if (law.isPresent()) {
                    return Outcome.ok(build(offer, index, law.get(), pt, local));
                }
            }
        }
        return Outcome.failed(new MediaFailure.NoCommonCodec(offered));
    }

    private static SdpAnswer build(SessionDescription offer, int chosen, G711 codec, int pt, Local local) {
        MediaDescription m = offer.media().get(chosen);
        OptionalInt event = m.payloadTypes().stream()
                .filter(p -> m.rtpmap(p).filter(r -> r.is(RtpMap.TELEPHONE_EVENT, G711.CLOCK_RATE)).isPresent())
                .mapToInt(Integer::intValue).findFirst();
        MediaDirection direction = m.direction().answer();
        if (m.isNullConnection()) {
            direction = direction.receives() ? MediaDirection.RECVONLY : MediaDirection.INACTIVE;
        }
        String ipVersion = local.address().contains(":") ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=vikno ").append(local.sessionId()).append(' ').append(local.sessionVersion())
                .append(" IN ").append(ipVersion).append(' ').append(local.address()).append("\r\n")
                .append("s=Vikno\r\n")
                .append("c=IN ").append(ipVersion).append(' ').append(local.address()).append("\r\n")
                .append("t=0 0\r\n");
        for (int index = 0; index < offer.media().size(); index++) {
            MediaDescription other = offer.media().get(index);
            if (index != chosen) {
                sdp.append("m=").append(other.media()).append(" 0 ").append(other.protocol()).append(' ')
                        .append(String.join(" ", other.formats())).append("\r\n");
                continue;
            }
            sdp.append("m=audio ").append(local.port()).append(' ').append(m.protocol()).append(' ').append(pt);
            event.ifPresent(e -> sdp.append(' ').append(e));
            sdp.append("\r\na=rtpmap:").append(new RtpMap(pt, codec.encodingName(), G711.CLOCK_RATE, 1).attributeValue())
                    .append("\r\n");
            event.ifPresent(e -> sdp.append("a=rtpmap:").append(e).append(' ').append(RtpMap.TELEPHONE_EVENT)
                    .append("/8000\r\na=fmtp:").append(e).append(" 0-15\r\n"));
            sdp.append("a=ptime:").append(PTIME_MILLIS).append("\r\na=").append(direction.attribute()).append("\r\n");
        }
        return new SdpAnswer(codec, pt, event, direction, m.connection(), m.port(), sdp.toString());
    }
}
