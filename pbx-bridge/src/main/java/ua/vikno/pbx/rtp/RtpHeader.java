package ua.vikno.pbx.rtp;

/**
 * The header of an RTP data packet read where it lies in the received datagram (RFC 3550 section 5.1): what the
 * receive path needs for latching, statistics, routing by payload type and DTMF, without copying the payload.
 * Read by {@link RtpPacketDecoder#readHeader}, which checks the datagram as {@link RtpPacketDecoder#decode} does.
 *
 * @param marker         the M bit
 * @param payloadType    0-127
 * @param sequenceNumber 0-65535
 * @param timestamp      0-2^32-1, in units of the payload clock rate
 * @param ssrc           0-2^32-1
 * @param payloadOffset  where the payload starts in the datagram: after the CSRCs and the header extension
 * @param payloadEnd     where the payload ends in the datagram: before the padding
 */
public record RtpHeader(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        int payloadOffset, int payloadEnd) {

    /** The payload's length in octets. */
    public int payloadLength() {
        return payloadEnd - payloadOffset;
    }
}
