package ua.vikno.sms.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.session.connection.socket.SocketConnection;

/** jSMPP's server socket factory listens on every interface; this one binds to the configured address only,
 * and turns Nagle's algorithm off on accepted sockets. */
final class LoopbackServerConnectionFactory implements ServerConnectionFactory {
    private final InetAddress address;

    LoopbackServerConnectionFactory(InetAddress address) {
        this.address = address;
    }

    @Override
    public ServerConnection listen(int port) throws IOException {
        return listen(port, 0, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return listen(port, timeout, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        ServerSocket socket = new ServerSocket();
        // a restarted simulator must get its port back at once, whatever TIME_WAIT the last run left
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), backlog);
        socket.setSoTimeout(timeout);
        return new ServerSocketConnection(socket) {
            @Override
            public Connection accept() throws IOException {
                Socket accepted = socket.accept();
                // without TCP_NODELAY, responses wait for the client's delayed ACKs
                accepted.setTcpNoDelay(true);
                return new SocketConnection(accepted);
            }
        };
    }
}
