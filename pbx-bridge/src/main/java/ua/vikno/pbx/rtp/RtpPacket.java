package ua.vikno.pbx.rtp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One RTP data packet (RFC 3550 section 5.1); the version is always 2.
 *
 * @param marker         the M bit, set on the first packet of a talkspurt or of a DTMF event
 * @param payloadType    0-127, as negotiated in SDP
 * @param sequenceNumber 0-65535
 * @param timestamp      0-2^32-1, in units of the payload clock rate
 * @param ssrc           0-2^32-1, the synchronisation source
 * @param csrcs          contributing sources, at most 15
 * @param extension      the header extension (RFC 3550 section 5.3.1), if any
 * @param payload        the payload without padding
 * @param padding        octets of padding after the payload, 0 for none (RFC 3550 section 5.1, P bit)
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        List<Long> csrcs, Optional<HeaderExtension> extension, byte[] payload, int padding) {

    public RtpPacket {
        check(payloadType, 0x7f, "payload type");
        check(sequenceNumber, 0xffff, "sequence number");
        check(timestamp, 0xffff_ffffL, "timestamp");
        check(ssrc, 0xffff_ffffL, "SSRC");
        csrcs = List.copyOf(csrcs);
        if (csrcs.size() > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs, got " + csrcs.size());
        }
        check(padding, 255, "padding");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(payload, "payload");
    }

    /** A plain packet: no CSRCs, no extension, no padding. */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                               byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, List.of(), Optional.empty(),
                payload, 0);
    }

    private static void check(long value, long max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range 0-" + max + ": " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
                && sequenceNumber == p.sequenceNumber && timestamp == p.timestamp && ssrc == p.ssrc
                && csrcs.equals(p.csrcs) && extension.equals(p.extension) && Arrays.equals(payload, p.payload)
                && padding == p.padding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension,
                Arrays.hashCode(payload), padding);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc="
                + Long.toHexString(ssrc) + (marker ? " M" : "") + " csrcs=" + csrcs + " ext=" + extension
                + " payload=" + payload.length + "B pad=" + padding + "]";
    }

    /** An RTP header extension (RFC 3550 section 5.3.1): a profile-defined 16-bit id and whole 32-bit words. */
    public record HeaderExtension(int profile, byte[] data) {
        public HeaderExtension {
            check(profile, 0xffff, "extension profile");
            if (data.length % 4 != 0 || data.length / 4 > 0xffff) {
                throw new IllegalArgumentException("extension data must be whole 32-bit words: " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeaderExtension e && profile == e.profile && Arrays.equals(data, e.data);
        }

        @Override
        public int hashCode() {
            return 31 * profile + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "HeaderExtension[" + Integer.toHexString(profile) + " " + HexFormat.of().formatHex(data) + "]";
        }
    }
}
