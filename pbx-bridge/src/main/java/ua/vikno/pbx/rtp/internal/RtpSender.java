package ua.vikno.pbx.rtp.internal;

import java.util.random.RandomGenerator;
import ua.vikno.pbx.rtp.RtpPacket;
import ua.vikno.pbx.rtp.RtpPacketEncoder;
import ua.vikno.pbx.rtp.WavPrompt;

/**
 * Send stage that numbers outgoing RTP (RFC 3550 section 5.1): random initial sequence number, timestamp and SSRC.
 * The timestamp follows the media clock's tick, 160 units a tick, so a pause between prompts keeps real time
 * (RFC 3550 section 5.1, "the sampling instant"). Used only from the media clock's thread.
 */
public final class RtpSender {
    private final RtpPacketEncoder encoder = new RtpPacketEncoder();
    private final long ssrc;
    private final long timestampBase;
    private int sequence;
    private long originTick = -1;

    public RtpSender(RandomGenerator random) {
        this.ssrc = random.nextLong() & 0xffff_ffffL;
        this.timestampBase = random.nextLong() & 0xffff_ffffL;
        this.sequence = random.nextInt(1 << 16);
    }

    /** Encodes one 20 ms frame sent on {@code tick}; the marker starts a talkspurt (RFC 3551 section 4.1). */
    public byte[] frame(int payloadType, byte[] payload, boolean marker, long tick) {
        if (originTick < 0) {
            originTick = tick;
        }
        long timestamp = (timestampBase + (long) WavPrompt.FRAME_SAMPLES * (tick - originTick)) & 0xffff_ffffL;
        RtpPacket packet = RtpPacket.of(marker, payloadType, sequence, timestamp, ssrc, payload);
        sequence = (sequence + 1) & 0xffff;
        return encoder.encode(packet);
    }

    public long ssrc() {
        return ssrc;
    }
}
