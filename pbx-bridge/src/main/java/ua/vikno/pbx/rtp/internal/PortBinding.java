package ua.vikno.pbx.rtp.internal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.rtp.MediaException;
import ua.vikno.pbx.rtp.MediaFailure;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.RtpPorts;

/**
 * A session's hold on the network: a port pair from the pool and UDP sockets bound to both its RTP and RTCP
 * ports (RFC 3550 section 11). A pair some other process holds is given back and the next one tried, a few times.
 */
public final class PortBinding {
    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PortBinding.class);

    private final String id;
    private final Vertx vertx;
    private final String host;
    private final RtpPortPool pool;
    private volatile DatagramSocket socket;
    private volatile DatagramSocket rtcpSocket;
    private volatile RtpPorts ports;

    /** @param id the session's id, for log lines */
    public PortBinding(String id, Vertx vertx, String host, RtpPortPool pool) {
        this.id = id;
        this.vertx = vertx;
        this.host = host;
        this.pool = pool;
    }

    /** Allocates and binds; call on the context that should receive the datagrams. */
    public Future<RtpPorts> bind(Handler<DatagramPacket> rtpHandler, Handler<DatagramPacket> rtcpHandler) {
        return attempt(rtpHandler, rtcpHandler, ATTEMPTS);
    }

    private Future<RtpPorts> attempt(Handler<DatagramPacket> rtpHandler, Handler<DatagramPacket> rtcpHandler,
                                     int attemptsLeft) {
        Outcome<RtpPorts> allocated = pool.allocate();
        if (!allocated.isOk()) {
            return allocated.toFuture();
        }
        RtpPorts pair = allocated.value();
        DatagramSocket rtp = vertx.createDatagramSocket(new DatagramSocketOptions()).handler(rtpHandler);
        DatagramSocket rtcp = vertx.createDatagramSocket(new DatagramSocketOptions()).handler(rtcpHandler);
        return rtp.listen(pair.rtp(), host).compose(bound -> rtcp.listen(pair.rtcp(), host)).map(bound -> {
            socket = rtp;
            rtcpSocket = rtcp;
            ports = pair;
            return pair;
        }).recover(e -> {
            rtp.close();
            rtcp.close();
            pool.release(pair);
            if (attemptsLeft > 1) {
                LOG.warn("rtp {} ports {}:{}/{} are taken ({}), trying the next pair", id, host, pair.rtp(), pair.rtcp(),
                        e.getMessage());
                return attempt(rtpHandler, rtcpHandler, attemptsLeft - 1);
            }
            return Future.failedFuture(new MediaException(
                    new MediaFailure.BindFailed(host, pair.rtp(), String.valueOf(e.getMessage()))));
        });
    }

    public Optional<DatagramSocket> socket() {
        return Optional.ofNullable(socket);
    }

    public Optional<RtpPorts> ports() {
        return Optional.ofNullable(ports);
    }

    /** Closes the sockets, then returns the pair to the pool even if closing failed; harmless when unbound. */
    public Future<Void> close() {
        DatagramSocket s = socket;
        DatagramSocket r = rtcpSocket;
        RtpPorts pair = ports;
        socket = null;
        rtcpSocket = null;
        ports = null;
        if (s == null) {
            return Future.succeededFuture();
        }
        return Future.join(r.close(), s.close()).transform(closed -> {
            pool.release(pair);
            if (closed.failed()) {
                LOG.warn("rtp {} closing port {}:{} failed; the pair is released anyway", id, host, pair.rtp(), closed.cause());
            }
            return Future.<Void>succeededFuture();
        });
    }
}
