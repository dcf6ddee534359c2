package ua.vikno.pbx.rtp;

/**
 * Relays RTP between two call legs packet by packet, each direction through an {@link RtpTranslator} built from
 * the legs' formats: no decoding when both use the same law, PCMU/PCMA transcoding when they differ. Packets are
 * forwarded on the receiving leg's context as they arrive, without the media clock; a leg should not play a
 * prompt while bridged.
 */
public final class RtpBridge {
    private final RtpSession a;
    private final RtpSession b;

    private RtpBridge(RtpSession a, RtpSession b) {
        this.a = a;
        this.b = b;
    }

    /** Starts relaying both ways with the formats the legs are configured with now. */
    public static RtpBridge connect(RtpSession a, RtpSession b) {
        RtpTranslator toB = new RtpTranslator(a.format(), b.format());
        RtpTranslator toA = new RtpTranslator(b.format(), a.format());
        a.onDatagram(datagram -> {
            if (toB.translateInPlace(datagram)) {
                b.relayDatagram(datagram);
            }
        });
        b.onDatagram(datagram -> {
            if (toA.translateInPlace(datagram)) {
                a.relayDatagram(datagram);
            }
        });
        return new RtpBridge(a, b);
    }

    /** Stops relaying; calling it again is harmless. */
    public void disconnect() {
        a.onDatagram(datagram -> { });
        b.onDatagram(datagram -> { });
    }
}
