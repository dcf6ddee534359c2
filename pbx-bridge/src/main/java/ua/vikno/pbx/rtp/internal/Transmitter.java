package ua.vikno.pbx.rtp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ua.vikno.pbx.rtp.MediaDirection;
import ua.vikno.pbx.rtp.RtpPeer;

/**
 * Last send stage: sends each encoded packet to the latched peer (symmetric RTP, RFC 4961), else to the address
 * SDP gave. With neither, once the socket is closed, or while the SDP direction forbids sending (recvonly or
 * inactive, RFC 3264 section 5.1), the packet is dropped. The peer's socket address is made once per peer, not
 * per packet; an SDP host name (not an IP literal) is resolved once on a worker and used when known. Runs on the
 * media clock's thread (playback) and on the session's event loop (relay); Netty queues writes from other threads.
 */
public final class Transmitter implements Consumer<byte[]> {
    private final Counters counters;
    private final PortBinding binding;
    private final Supplier<Optional<RtpPeer>> latched;
    private final Vertx vertx;
    private volatile RtpPeer signalled;
    private volatile MediaDirection direction = MediaDirection.SENDRECV;
    private volatile Target target = new Target(null, null);

    /** A peer and its socket address (null while a host name is being resolved). */
    private record Target(RtpPeer peer, InetSocketAddress address) {
    }

    public Transmitter(Counters counters, PortBinding binding, Supplier<Optional<RtpPeer>> latched, Vertx vertx) {
        this.counters = counters;
        this.binding = binding;
        this.latched = latched;
        this.vertx = vertx;
    }

    /** Where to send until the peer's own RTP is latched (null if SDP gave nothing usable), and whether to send. */
    public void signalled(RtpPeer remote, MediaDirection direction) {
        this.signalled = remote;
        this.direction = direction;
    }

    @Override
    public void accept(byte[] packet) {
        RtpPeer to = latched.get().orElse(signalled);
        Optional<DatagramChannel> channel = binding.channel();
        if (to != null && channel.isPresent() && direction.sends()) {
            InetSocketAddress address = addressOf(to);
            if (address != null) {
                counters.sent.incrementAndGet();
                DatagramChannel out = channel.get();
                // a pooled direct buffer goes to the socket as it is; a wrapped array would be copied into one
                ByteBuf buffer = out.alloc().directBuffer(packet.length).writeBytes(packet);
                out.writeAndFlush(new DatagramPacket(buffer, address), out.voidPromise());
            }
        }
    }

    private InetSocketAddress addressOf(RtpPeer peer) {
        Target known = target;
        if (known.peer() == peer) {
            return known.address();
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(peer.host());
        if (literal != null) {
            try {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(literal), peer.port());
                target = new Target(peer, address);
                return address;
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("an IP literal of a bad length: " + peer, e);
            }
        }
        target = new Target(peer, null);
        vertx.<InetSocketAddress>executeBlocking(() -> new InetSocketAddress(peer.host(), peer.port()))
                .onSuccess(resolved -> {
                    if (target.peer() == peer && !resolved.isUnresolved()) {
                        target = new Target(peer, resolved);
                    }
                });
        return null;
    }
}
