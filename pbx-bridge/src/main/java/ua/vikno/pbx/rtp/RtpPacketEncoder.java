package ua.vikno.pbx.rtp;

/** Encodes an {@link RtpPacket} into its wire form (RFC 3550 section 5.1 and 5.3.1). */
public final class RtpPacketEncoder {

    /** The encoded size of {@code packet}. */
    public int size(RtpPacket packet) {
        return 12 + 4 * packet.csrcs().size()
                + packet.extension().map(e -> 4 + e.data().length).orElse(0)
                + packet.payload().length + packet.padding();
    }

    public byte[] encode(RtpPacket packet) {
        byte[] out = new byte[size(packet)];
        out[0] = (byte) (0x80 | (packet.padding() > 0 ? 0x20 : 0) | (packet.extension().isPresent() ? 0x10 : 0)
                | packet.csrcs().size());
        out[1] = (byte) ((packet.marker() ? 0x80 : 0) | packet.payloadType());
        putU16(out, 2, packet.sequenceNumber());
        putU32(out, 4, packet.timestamp());
        putU32(out, 8, packet.ssrc());
        int at = 12;
        for (long csrc : packet.csrcs()) {
            putU32(out, at, csrc);
            at += 4;
        }
        if (packet.extension().isPresent()) {
            byte[] data = packet.extension().get().data();
            putU16(out, at, packet.extension().get().profile());
            putU16(out, at + 2, data.length / 4);
            System.arraycopy(data, 0, out, at + 4, data.length);
            at += 4 + data.length;
        }
        byte[] payload = packet.payload();
        System.arraycopy(payload, 0, out, at, payload.length);
        if (packet.padding() > 0) {
            out[out.length - 1] = (byte) packet.padding();
        }
        return out;
    }

    static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    static void putU32(byte[] b, int at, long value) {
        putU16(b, at, (int) (value >>> 16));
        putU16(b, at + 2, (int) value);
    }
}
