package ua.vikno.pbx.rtp.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.rtp.MediaException;
import ua.vikno.pbx.rtp.MediaFailure;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.RtpPorts;
import ua.vikno.pbx.rtp.Ticker;

/**
 * A session's hold on the network: a port pair from the pool and UDP channels bound to both its RTP and RTCP
 * ports (RFC 3550 section 11). A pair some other process holds is given back and the next one tried, up to every
 * pair of the range or {@value #MAX_ATTEMPTS} pairs, whichever is fewer (a softphone or another server on the same
 * host may hold a whole block of the range).
 * The channels are Netty's, of the Vert.x transport, on the event loop of the binding context: datagrams are
 * received and sent there without a Vert.x socket in between (no name resolution or promise per packet).
 */
public final class PortBinding {
    static final int MAX_ATTEMPTS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(PortBinding.class);

    private final String id;
    private final Vertx vertx;
    private final String host;
    private final RtpPortPool pool;
    private volatile DatagramChannel channel;
    private volatile DatagramChannel rtcpChannel;
    private volatile RtpPorts ports;

    /** @param id the session's id, for log lines */
    public PortBinding(String id, Vertx vertx, String host, RtpPortPool pool) {
        this.id = id;
        this.vertx = vertx;
        this.host = host;
        this.pool = pool;
    }

    /**
     * Allocates and binds; call on the context that should receive the datagrams, each stamped with
     * {@code ticker}'s time as it is read.
     */
    public Future<RtpPorts> bind(Ticker ticker, Consumer<ReceivedDatagram> onRtp, Consumer<ReceivedDatagram> onRtcp) {
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        return attempt(context, ticker, onRtp, onRtcp, Math.min(pool.capacity(), MAX_ATTEMPTS));
    }

    private Future<RtpPorts> attempt(ContextInternal context, Ticker ticker, Consumer<ReceivedDatagram> onRtp,
                                     Consumer<ReceivedDatagram> onRtcp, int attemptsLeft) {
        Outcome<RtpPorts> allocated = pool.allocate();
        if (!allocated.isOk()) {
            return allocated.toFuture();
        }
        RtpPorts pair = allocated.value();
        DatagramChannel rtp = open(context, new DatagramReceiver(context, ticker, onRtp));
        DatagramChannel rtcp = open(context, new DatagramReceiver(context, ticker, onRtcp));
        return listen(context, rtp, pair.rtp()).compose(bound -> listen(context, rtcp, pair.rtcp())).map(bound -> {
            channel = rtp;
            rtcpChannel = rtcp;
            ports = pair;
            return pair;
        }).recover(e -> {
            rtp.close();
            rtcp.close();
            pool.release(pair);
            if (attemptsLeft > 1) {
                LOG.warn("rtp {} ports {}:{}/{} are taken ({}), trying the next pair", id, host, pair.rtp(), pair.rtcp(),
                        e.getMessage());
                return attempt(context, ticker, onRtp, onRtcp, attemptsLeft - 1);
            }
            return Future.failedFuture(new MediaException(
                    new MediaFailure.BindFailed(host, pair.rtp(), String.valueOf(e.getMessage()))));
        });
    }

    private static DatagramChannel open(ContextInternal context, DatagramReceiver receiver) {
        DatagramChannel channel = context.owner().transport().datagramChannel(InternetProtocolFamily.IPv4);
        channel.config().setOption(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true);
        // one read per readiness event: a second read would be a system call that finds nothing, as a stream's
        // packets are 20 ms apart
        channel.config().<MaxMessagesRecvByteBufAllocator>getRecvByteBufAllocator().maxMessagesPerRead(1);
        channel.pipeline().addLast("receive", receiver);
        context.nettyEventLoop().register(channel);
        return channel;
    }

    private Future<Void> listen(ContextInternal context, DatagramChannel channel, int port) {
        PromiseInternal<Void> bound = context.promise();
        ChannelFuture binding = channel.bind(new InetSocketAddress(host, port));
        binding.addListener(bound);
        return bound.future();
    }

    /** The bound RTP channel, empty before the bind completed and after close. */
    public Optional<DatagramChannel> channel() {
        return Optional.ofNullable(channel);
    }

    public Optional<RtpPorts> ports() {
        return Optional.ofNullable(ports);
    }

    /** Closes the channels, then returns the pair to the pool even if closing failed; harmless when unbound. */
    public Future<Void> close() {
        DatagramChannel s = channel;
        DatagramChannel r = rtcpChannel;
        RtpPorts pair = ports;
        channel = null;
        rtcpChannel = null;
        ports = null;
        if (s == null) {
            return Future.succeededFuture();
        }
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        PromiseInternal<Void> rtcpClosed = context.promise();
        PromiseInternal<Void> rtpClosed = context.promise();
        r.close().addListener(rtcpClosed);
        s.close().addListener(rtpClosed);
        return Future.join(rtcpClosed.future(), rtpClosed.future()).transform(closed -> {
            pool.release(pair);
            if (closed.failed()) {
                LOG.warn("rtp {} closing port {}:{} failed; the pair is released anyway", id, host, pair.rtp(), closed.cause());
            }
            return Future.<Void>succeededFuture();
        });
    }
}
