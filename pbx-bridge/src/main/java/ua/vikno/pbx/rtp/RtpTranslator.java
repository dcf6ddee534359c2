package ua.vikno.pbx.rtp;

import java.util.Optional;

/**
 * Turns an RTP packet received on one call leg into the packet to relay on the other, as an RTP translator
 * (RFC 3550 section 7.1): the payload passes untouched when both legs use the same G.711 law and is transcoded
 * PCMU/PCMA octet by octet when they differ; payload types are renumbered to the outgoing leg's, telephone-event
 * included (RFC 4733 section 7.1.1 lets each side choose its number). SSRC, sequence number, timestamp and marker
 * pass unchanged. A packet with no counterpart on the other leg, such as telephone-event toward a leg that did not
 * negotiate it, is not relayed.
 */
public final class RtpTranslator {
    private final MediaFormat from;
    private final MediaFormat to;
    private final G711Transcoder transcoder;

    public RtpTranslator(MediaFormat from, MediaFormat to) {
        this.from = from;
        this.to = to;
        this.transcoder = from.codec() == to.codec() ? null : new G711Transcoder(from.codec(), to.codec());
    }

    /** The packet to send on the other leg, if it has one. */
    public Optional<RtpPacket> translate(RtpPacket in) {
        if (in.payloadType() == from.payloadType()) {
            byte[] payload = transcoder == null ? in.payload() : transcoder.transcode(in.payload());
            return Optional.of(with(in, to.payloadType(), payload));
        }
        if (from.telephoneEvent().isPresent() && in.payloadType() == from.telephoneEvent().getAsInt()
                && to.telephoneEvent().isPresent()) {
            return Optional.of(with(in, to.telephoneEvent().getAsInt(), in.payload()));
        }
        return Optional.empty();
    }

    /**
     * Rewrites a received datagram where it lies into the one to relay, under the same rules as
     * {@link #translate}: payload type renumbered (marker kept), G.711 payload transcoded octet for octet when the
     * laws differ, nothing else touched. The relay path uses it so that no packet is decoded and encoded again.
     *
     * @param datagram a datagram that {@link RtpPacketDecoder} accepts
     * @return false if the packet has no counterpart on the other leg and must not be relayed
     */
    public boolean translateInPlace(byte[] datagram) {
        int payloadType = datagram[1] & 0x7f;
        if (payloadType == from.payloadType()) {
            if (transcoder != null) {
                transcoder.transcodeInPlace(datagram, RtpPacketDecoder.payloadOffset(datagram),
                        RtpPacketDecoder.payloadEnd(datagram, datagram.length));
            }
            renumber(datagram, to.payloadType());
            return true;
        }
        if (from.telephoneEvent().isPresent() && payloadType == from.telephoneEvent().getAsInt()
                && to.telephoneEvent().isPresent()) {
            renumber(datagram, to.telephoneEvent().getAsInt());
            return true;
        }
        return false;
    }

    private static void renumber(byte[] datagram, int payloadType) {
        datagram[1] = (byte) (datagram[1] & 0x80 | payloadType);
    }

    /** Whether payloads are transcoded, for the call record and metrics. */
    public boolean transcodes() {
        return transcoder != null;
    }

    private static RtpPacket with(RtpPacket in, int payloadType, byte[] payload) {
        return new RtpPacket(in.marker(), payloadType, in.sequenceNumber(), in.timestamp(), in.ssrc(), in.csrcs(),
                in.extension(), payload, 0);
    }
}
