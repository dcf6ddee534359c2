package ua.vikno.pbx.rtp.internal;

import java.util.Optional;
import java.util.function.Consumer;
import ua.vikno.pbx.rtp.RtpPeer;

/**
 * Receive stage for symmetric RTP (RFC 4961): the source address of the first valid RTP packet becomes the
 * address we send to, whatever SDP said, so a softphone behind NAT hears us. Later RTP from any other address is
 * counted and dropped.
 */
public final class SymmetricLatch implements Consumer<ReceivedRtp> {
    private final Counters counters;
    private final Consumer<ReceivedRtp> next;
    private final Consumer<RtpPeer> onLatched;
    private volatile RtpPeer latched;

    public SymmetricLatch(Counters counters, Consumer<ReceivedRtp> next, Consumer<RtpPeer> onLatched) {
        this.counters = counters;
        this.next = next;
        this.onLatched = onLatched;
    }

    @Override
    public void accept(ReceivedRtp rtp) {
        if (latched == null) {
            latched = rtp.sender();
            onLatched.accept(latched);
        } else if (!latched.equals(rtp.sender())) {
            counters.foreignSource++;
            return;
        }
        next.accept(rtp);
    }

    public Optional<RtpPeer> latched() {
        return Optional.ofNullable(latched);
    }
}
