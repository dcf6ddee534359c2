package ua.vikno.pbx.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Datagrams an attacker or a broken device sends: what the SIP and RTP ports must drop or answer, harmlessly. */
final class BadInput {
    private static final Random RANDOM = new Random(7);

    private BadInput() {
    }

    /** Garbage, a truncated request, a request without mandatory headers, an unknown method, an oversized one. */
    static List<byte[]> sipDatagrams(int serverPort) {
        byte[] noise = new byte[300];
        RANDOM.nextBytes(noise);
        String target = "sip:202@127.0.0.1:" + serverPort;
        String headless = "INVITE " + target + " SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        String truncated = "INVITE " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-x\r\nFrom: <sip:";
        String unknown = "FROBNICATE " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-"
                + RANDOM.nextInt(1 << 30) + "\r\nFrom: <sip:x@127.0.0.1>;tag=1\r\nTo: <" + target + ">\r\n"
                + "Call-ID: junk-" + RANDOM.nextInt() + "\r\nCSeq: 1 FROBNICATE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        String badLength = "BYE " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-y\r\n"
                + "From: <sip:x@127.0.0.1>;tag=1\r\nTo: <" + target + ">;tag=2\r\nCall-ID: nobody\r\n"
                + "CSeq: banana BYE\r\nContent-Length: 99999\r\n\r\n";
        StringBuilder oversized = new StringBuilder("OPTIONS " + target + " SIP/2.0\r\n");
        while (oversized.length() < 60_000) {
            oversized.append("X-Padding: ").append("a".repeat(200)).append("\r\n");
        }
        oversized.append("\r\n");
        return List.of(noise, ascii(headless), ascii(truncated), ascii(unknown), ascii(badLength),
                ascii(oversized.toString()), new byte[0], new byte[] {'\r', '\n', '\r', '\n'});
    }

    /**
     * Garbage, a STUN binding request, a truncated RTP header, RTCP, and a loud RTP packet of {@code toneHz} in
     * PCMU from the attacker's own address, which a latched session must not play to anyone.
     */
    static List<byte[]> mediaDatagrams(double toneHz) {
        byte[] noise = new byte[172];
        RANDOM.nextBytes(noise);
        byte[] stun = new byte[20];
        stun[1] = 0x01; // Binding Request
        stun[4] = 0x21;
        stun[5] = 0x12;
        stun[6] = (byte) 0xa4;
        stun[7] = 0x42; // magic cookie (RFC 5389)
        byte[] truncated = {(byte) 0x80, 0x00, 0x01};
        byte[] rtcp = new byte[8];
        rtcp[0] = (byte) 0x80;
        rtcp[1] = (byte) 201; // RR with no report blocks
        rtcp[3] = 1;
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        rtp[1] = 0; // PCMU
        int seq = RANDOM.nextInt(1 << 16);
        rtp[2] = (byte) (seq >> 8);
        rtp[3] = (byte) seq;
        rtp[8] = 0x11;
        rtp[9] = 0x22;
        rtp[10] = 0x33;
        rtp[11] = 0x44;
        for (int i = 0; i < 160; i++) {
            rtp[12 + i] = ua.vikno.pbx.rtp.MuLaw.encode((short) (20000 * Math.sin(2 * Math.PI * toneHz * i / 8000)));
        }
        return List.of(noise, stun, truncated, rtcp, rtp);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
