package ua.vikno.pbx.rtp.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ua.vikno.pbx.rtp.RtpPeer;

/**
 * Last send stage: sends each encoded packet to the latched peer (symmetric RTP, RFC 4961), else to the address
 * SDP gave; with neither, or once the socket is closed, the packet is dropped. Runs on the media clock's thread.
 */
public final class Transmitter implements Consumer<byte[]> {
    private final Counters counters;
    private final PortBinding binding;
    private final Supplier<Optional<RtpPeer>> latched;
    private volatile RtpPeer signalled;

    public Transmitter(Counters counters, PortBinding binding, Supplier<Optional<RtpPeer>> latched) {
        this.counters = counters;
        this.binding = binding;
        this.latched = latched;
    }

    /** Where to send until the peer's own RTP is latched. */
    public void signalled(RtpPeer remote) {
        this.signalled = remote;
    }

    @Override
    public void accept(byte[] packet) {
        RtpPeer to = latched.get().orElse(signalled);
        Optional<DatagramSocket> socket = binding.socket();
        if (to != null && socket.isPresent()) {
            counters.sent++;
            socket.get().send(Buffer.buffer(packet), to.port(), to.host());
        }
    }
}
