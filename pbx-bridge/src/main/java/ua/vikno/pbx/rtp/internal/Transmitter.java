package ua.vikno.pbx.rtp.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ua.vikno.pbx.rtp.MediaDirection;
import ua.vikno.pbx.rtp.RtpPeer;

/**
 * Last send stage: sends each encoded packet to the latched peer (symmetric RTP, RFC 4961), else to the address
 * SDP gave. With neither, once the socket is closed, or while the SDP direction forbids sending (recvonly or
 * inactive, RFC 3264 section 5.1), the packet is dropped. Runs on the media clock's thread.
 */
public final class Transmitter implements Consumer<byte[]> {
    private final Counters counters;
    private final PortBinding binding;
    private final Supplier<Optional<RtpPeer>> latched;
    private volatile RtpPeer signalled;
    private volatile MediaDirection direction = MediaDirection.SENDRECV;

    public Transmitter(Counters counters, PortBinding binding, Supplier<Optional<RtpPeer>> latched) {
        this.counters = counters;
        this.binding = binding;
        this.latched = latched;
    }

    /** Where to send until the peer's own RTP is latched (null if SDP gave nothing usable), and whether to send. */
    public void signalled(RtpPeer remote, MediaDirection direction) {
        this.signalled = remote;
        this.direction = direction;
    }

    @Override
    public void accept(byte[] packet) {
        RtpPeer to = latched.get().orElse(signalled);
        Optional<DatagramSocket> socket = binding.socket();
        if (to != null && socket.isPresent() && direction.sends()) {
            counters.sent.incrementAndGet();
            socket.get().send(Buffer.buffer(packet), to.port(), to.host());
        }
    }
}
