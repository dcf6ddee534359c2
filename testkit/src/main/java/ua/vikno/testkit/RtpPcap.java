package ua.vikno.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a pcap that SIPp's {@code play_pcap_audio} replays: one RTP stream (one SSRC) of 20 ms G.711 mu-law
 * packets (payload type 0) carrying a tone, with RFC 4733 telephone-events for DTMF digits at given times.
 *
 * <p>Each digit is sent as RFC 4733 section 2.5 describes: a first packet with the marker bit, updates every
 * 20 ms, all with the event's start timestamp and a growing duration, then the end packet (E bit) three times
 * (section 2.5.1.4) with the final duration; audio stops during the event and resumes after it. Sequence
 * numbers grow by one per packet. Frames are Ethernet / IPv4 / UDP from and to 127.0.0.1 (SIPp rewrites the
 * addresses and ports when it plays them).
 */
public final class RtpPcap {
    /** The telephone-event payload type the scenarios offer. */
    public static final int EVENT_PT = 101;
    private static final int PCMU = 0;
    private static final int SAMPLES = 160;          // 20 ms at 8 kHz
    private static final int EVENT_PACKETS = 8;      // 160 ms of key press
    private static final long SSRC = 0x56494b4eL;    // "VIKN"

    private final double hz;
    private final double seconds;
    private final List<Press> presses = new ArrayList<>();

    /** A digit pressed at {@code atSeconds} from the start of the stream. */
    private record Press(char digit, double atSeconds) {
    }

    private RtpPcap(double hz, double seconds) {
        this.hz = hz;
        this.seconds = seconds;
    }

    /** A stream of {@code seconds} of a {@code hz} tone. */
    public static RtpPcap tone(double hz, double seconds) {
        return new RtpPcap(hz, seconds);
    }

    /** Adds a key press (0-9, *, #, A-D) at {@code atSeconds}. */
    public RtpPcap press(char digit, double atSeconds) {
        eventCode(digit);
        presses.add(new Press(digit, atSeconds));
        return this;
    }

    /** Writes the pcap file. */
    public Path write(Path file) throws IOException {
        ByteBuffer out = ByteBuffer.allocate((int) (seconds * 50 + presses.size() * 4 + 8) * 256)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        int frames = (int) Math.round(seconds * 50);
        int seq = 1000;
        long timestamp = 0;
        int phase = 0;
        for (int frame = 0; frame < frames; ) {
            Press press = pressAt(frame);
            long micros = frame * 20_000L;
            if (press == null) {
                byte[] audio = new byte[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    audio[i] = ulaw((short) (8000 * Math.sin(2 * Math.PI * hz * phase++ / Tones.RATE)));
                }
                packet(out, micros, rtp(PCMU, frame == 0, seq++, timestamp, audio));
                timestamp += SAMPLES;
                frame++;
                continue;
            }
            int code = eventCode(press.digit());
            for (int i = 0; i < EVENT_PACKETS; i++) {
                boolean end = i == EVENT_PACKETS - 1;
                byte[] event = telephoneEvent(code, end, (i + 1) * SAMPLES);
                packet(out, micros + i * 20_000L, rtp(EVENT_PT, i == 0, seq++, timestamp, event));
                if (end) {   // the end packet twice more, 20 ms apart, same timestamp and duration
                    packet(out, micros + (i + 1) * 20_000L, rtp(EVENT_PT, false, seq++, timestamp, event));
                    packet(out, micros + (i + 2) * 20_000L, rtp(EVENT_PT, false, seq++, timestamp, event));
                }
            }
            int used = EVENT_PACKETS + 2;
            timestamp += (long) used * SAMPLES;
            phase += used * SAMPLES;
            frame += used;
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        Files.write(file, bytes);
        return file;
    }

    private Press pressAt(int frame) {
        return presses.stream().filter(p -> Math.round(p.atSeconds() * 50) == frame).findFirst().orElse(null);
    }

    private static int eventCode(char digit) {
        int code = "0123456789*#ABCD".indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        return code;
    }

    /** RFC 4733 section 2.3: event, E bit and volume (10 dBm0 below), duration in timestamp units. */
    private static byte[] telephoneEvent(int code, boolean end, int duration) {
        return new byte[] {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    /** RFC 3550 section 5.1 fixed header, version 2, no CSRC. */
    private static byte[] rtp(int payloadType, boolean marker, int seq, long timestamp, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) seq)
                .putInt((int) timestamp).putInt((int) SSRC).put(payload);
        return b.array();
    }

    /** One pcap record: Ethernet, IPv4 and UDP headers around {@code udpPayload}. */
    private static void packet(ByteBuffer out, long micros, byte[] udpPayload) {
        int udpLength = 8 + udpPayload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);   // network byte order
        frame.put(new byte[12]).putShort((short) 0x0800);
        int ipStart = frame.position();
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                .put(new byte[] {127, 0, 0, 1});
        frame.putShort(ipStart + 10, ipChecksum(frame.array(), ipStart));
        frame.putShort((short) 6000).putShort((short) 6000).putShort((short) udpLength).putShort((short) 0)
                .put(udpPayload);
        out.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(frame.capacity()).putInt(frame.capacity()).put(frame.array());
    }

    private static short ipChecksum(byte[] b, int start) {
        int sum = 0;
        for (int i = start; i < start + 20; i += 2) {
            sum += (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    /** ITU-T G.711 mu-law encoding of one 16-bit sample. */
    static byte ulaw(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        if (s < 0) {
            s = -s;
        }
        s = Math.min(s, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }
}
