package ua.vikno.pbx.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Decodes one RTP datagram (RFC 3550 section 5.1 and 5.3.1); malformed input yields a named failure. */
public final class RtpPacketDecoder {
    static final int FIXED_HEADER = 12;

    /** Decodes {@code data[0..length)}; never throws for any content. */
    public Outcome<RtpPacket> decode(byte[] data, int length) {
        Outcome<RtpHeader> read = readHeader(data, length);
        if (!read.isOk()) {
            return Outcome.failed(read.failure());
        }
        RtpHeader header = read.value();
        int csrcCount = data[0] & 0x0f;
        List<Long> csrcs = csrcCount == 0 ? List.of() : new ArrayList<>(csrcCount);
        for (int i = 0; i < csrcCount; i++) {
            csrcs.add(u32(data, FIXED_HEADER + 4 * i));
        }
        Optional<RtpPacket.HeaderExtension> extension = Optional.empty();
        if ((data[0] & 0x10) != 0) {
            int at = FIXED_HEADER + 4 * csrcCount;
            extension = Optional.of(new RtpPacket.HeaderExtension(u16(data, at),
                    Arrays.copyOfRange(data, at + 4, header.payloadOffset())));
        }
        return Outcome.ok(new RtpPacket(header.marker(), header.payloadType(), header.sequenceNumber(),
                header.timestamp(), header.ssrc(), csrcs, extension,
                Arrays.copyOfRange(data, header.payloadOffset(), header.payloadEnd()), length - header.payloadEnd()));
    }

    /**
     * Reads and checks the header of {@code data[0..length)} without copying anything (RFC 3550 sections 5.1 and
     * 5.3.1): the receive path's decoder, with the same named failures as {@link #decode}; never throws.
     */
    public Outcome<RtpHeader> readHeader(byte[] data, int length) {
        if (length < FIXED_HEADER) {
            return malformed(PacketError.TOO_SHORT, length + " octets");
        }
        int first = data[0] & 0xff;
        if (first >> 6 != 2) {
            return malformed(PacketError.BAD_VERSION, "version " + (first >> 6));
        }
        boolean padded = (first & 0x20) != 0;
        boolean extended = (first & 0x10) != 0;
        int csrcCount = first & 0x0f;
        int offset = FIXED_HEADER + 4 * csrcCount;
        if (offset > length) {
            return malformed(PacketError.CSRC_OVERRUN, csrcCount + " CSRCs in " + length + " octets");
        }
        if (extended) {
            if (offset + 4 > length) {
                return malformed(PacketError.EXTENSION_OVERRUN, "no room for the extension header");
            }
            int words = u16(data, offset + 2);
            int end = offset + 4 + 4 * words;
            if (end > length) {
                return malformed(PacketError.EXTENSION_OVERRUN, words + " words from offset " + offset
                        + " in " + length + " octets");
            }
            offset = end;
        }
        int padding = 0;
        if (padded) {
            padding = data[length - 1] & 0xff;
            if (padding == 0 || offset + padding > length) {
                return malformed(PacketError.BAD_PADDING, padding + " octets of padding after a "
                        + offset + "-octet header in " + length + " octets");
            }
        }
        int second = data[1] & 0xff;
        return Outcome.ok(new RtpHeader((second & 0x80) != 0, second & 0x7f, u16(data, 2), u32(data, 4),
                u32(data, 8), offset, length - padding));
    }

    public Outcome<RtpPacket> decode(byte[] data) {
        return decode(data, data.length);
    }

    /** Where the payload of a datagram that {@link #decode decodes} starts: after the CSRCs and the extension. */
    static int payloadOffset(byte[] data) {
        int offset = FIXED_HEADER + 4 * (data[0] & 0x0f);
        return (data[0] & 0x10) == 0 ? offset : offset + 4 + 4 * u16(data, offset + 2);
    }

    /** Where the payload of a datagram that {@link #decode decodes} ends: before the padding. */
    static int payloadEnd(byte[] data, int length) {
        return (data[0] & 0x20) == 0 ? length : length - (data[length - 1] & 0xff);
    }

    private static <T> Outcome<T> malformed(PacketError error, String detail) {
        return Outcome.failed(new MediaFailure.MalformedPacket(error, detail));
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }
}
