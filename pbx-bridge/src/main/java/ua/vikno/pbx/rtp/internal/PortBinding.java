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
 * A session's hold on the network: a port pair from the pool and the UDP socket bound to its RTP port.
 * A port some other process holds is given back and the next pair tried, a few times.
 */
public final class PortBinding {
    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PortBinding.class);

    private final Vertx vertx;
    private final String host;
    private final RtpPortPool pool;
    private volatile DatagramSocket socket;
    private volatile RtpPorts ports;

    public PortBinding(Vertx vertx, String host, RtpPortPool pool) {
        this.vertx = vertx;
        this.host = host;
        this.pool = pool;
    }

    /** Allocates and binds; call on the context that should receive the datagrams. */
    public Future<RtpPorts> bind(Handler<DatagramPacket> handler) {
        return attempt(handler, ATTEMPTS);
    }

    private Future<RtpPorts> attempt(Handler<DatagramPacket> handler, int attemptsLeft) {
        Outcome<RtpPorts> allocated = pool.allocate();
        if (!allocated.isOk()) {
            return allocated.toFuture();
        }
        RtpPorts pair = allocated.value();
        DatagramSocket candidate = vertx.createDatagramSocket(new DatagramSocketOptions());
        candidate.handler(handler);
        return candidate.listen(pair.rtp(), host).map(bound -> {
            socket = candidate;
            ports = pair;
            return pair;
        }).recover(e -> {
            pool.release(pair);
            candidate.close();
            if (attemptsLeft > 1) {
                LOG.warn("RTP port {}:{} is taken ({}), trying the next pair", host, pair.rtp(), e.getMessage());
                return attempt(handler, attemptsLeft - 1);
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

    /** Closes the socket, then returns the pair to the pool even if closing failed; harmless when unbound. */
    public Future<Void> close() {
        DatagramSocket s = socket;
        RtpPorts pair = ports;
        socket = null;
        ports = null;
        if (s == null) {
            return Future.succeededFuture();
        }
        return s.close().transform(closed -> {
            pool.release(pair);
            if (closed.failed()) {
                LOG.warn("closing RTP port {}:{} failed; the pair is released anyway", host, pair.rtp(), closed.cause());
            }
            return Future.<Void>succeededFuture();
        });
    }
}
