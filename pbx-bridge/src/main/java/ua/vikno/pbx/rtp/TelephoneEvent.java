package ua.vikno.pbx.rtp;

/**
 * The RFC 4733 telephone-event payload (section 2.3): event code, end bit, volume and duration.
 *
 * @param event    the event code, 0-255 (0-15 are DTMF digits)
 * @param end      the E bit: this packet ends the event
 * @param volume   power level in -dBm0, 0-63
 * @param duration the duration so far, in timestamp units, 0-65535
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** The size of one event in a payload (RFC 4733 section 2.3). */
    public static final int SIZE = 4;

    public TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > 0xffff) {
            throw new IllegalArgumentException("telephone-event out of range: " + event + "/" + volume + "/" + duration);
        }
    }

    /** Decodes the first event of an RTP payload; a short payload is a named failure. */
    public static Outcome<TelephoneEvent> decode(byte[] payload) {
        return decode(payload, 0, payload.length);
    }

    /** Decodes the first event of the payload at {@code data[offset..offset+length)}, as {@link #decode(byte[])}. */
    public static Outcome<TelephoneEvent> decode(byte[] data, int offset, int length) {
        if (length < SIZE) {
            return Outcome.failed(new MediaFailure.MalformedPacket(PacketError.TOO_SHORT,
                    length + " octets of telephone-event"));
        }
        return Outcome.ok(new TelephoneEvent(data[offset] & 0xff, (data[offset + 1] & 0x80) != 0,
                data[offset + 1] & 0x3f, (data[offset + 2] & 0xff) << 8 | data[offset + 3] & 0xff));
    }

    /** The four payload octets; the reserved R bit is zero. */
    public byte[] encode() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }
}
