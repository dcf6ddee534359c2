package ua.vikno.pbx.rtp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.rtp.RtpPeer;
import ua.vikno.pbx.rtp.Ticker;

/**
 * The Netty end of a session's port: copies each datagram out of Netty's buffer, stamps its arrival time and
 * hands it to the receive chain on the session's context. A stream has one sender, so the sender's
 * {@link RtpPeer} is kept and reused while the source address stays the same.
 */
final class DatagramReceiver extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramReceiver.class);

    private final ContextInternal context;
    private final Ticker ticker;
    private final Handler<ReceivedDatagram> next;
    private InetSocketAddress lastSource;
    private RtpPeer lastPeer;

    DatagramReceiver(ContextInternal context, Ticker ticker, Consumer<ReceivedDatagram> next) {
        this.context = context;
        this.ticker = ticker;
        this.next = next::accept;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        long arrival = ticker.nanos();
        ByteBuf content = packet.content();
        byte[] data = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), data);
        ReceivedDatagram datagram = new ReceivedDatagram(data, peer(packet.sender()), arrival);
        context.emit(datagram, next);
    }

    private RtpPeer peer(InetSocketAddress source) {
        if (!source.equals(lastSource)) {
            lastSource = source;
            lastPeer = new RtpPeer(source.getAddress().getHostAddress(), source.getPort());
        }
        return lastPeer;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("rtp channel {} failed to read: {}", ctx.channel().localAddress(), cause.toString());
    }
}
