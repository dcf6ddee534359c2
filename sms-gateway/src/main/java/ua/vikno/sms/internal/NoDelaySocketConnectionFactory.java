package ua.vikno.sms.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * jSMPP's socket factory leaves Nagle's algorithm on; with several submits outstanding, small PDUs then wait
 * for delayed ACKs (tens of milliseconds each). This one sets TCP_NODELAY and a connect timeout.
 */
public final class NoDelaySocketConnectionFactory implements ConnectionFactory {
    private final int connectTimeoutMillis;

    public NoDelaySocketConnectionFactory(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new SocketConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
