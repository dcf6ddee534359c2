package ua.vikno.pbx.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The operators' phones' media for {@link BridgedCallsBench}, in a process of its own: each given UDP port sends
 * every datagram back to where it came from, as SIPp's {@code -rtp_echo} does, but with a 4 MB receive buffer per
 * port and one thread per port. SIPp's one media port per instance, with the kernel's default buffer, drops
 * echoes at 1,000 calls (50,000 packets a second into one socket) whenever SIPp waits for a core, and that loss
 * would be counted against the server. Prints "ready" once every port is bound.
 *
 * <pre>java -cp ... ua.vikno.pbx.sip.RtpEchoProcess 127.0.0.1 40000 40002 40004</pre>
 */
public final class RtpEchoProcess {
    private static final int RECEIVE_BUFFER = 4 << 20;

    private RtpEchoProcess() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        for (int i = 1; i < args.length; i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, RECEIVE_BUFFER);
            channel.bind(new InetSocketAddress(host, Integer.parseInt(args[i])));
            Thread t = new Thread(() -> echo(channel), "rtp-echo-" + args[i]);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        System.out.flush();
        // ends with its parent: the bench destroys it, or stdin closes
        while (System.in.read() >= 0) {
            // nothing to read; stdin is a pipe the parent holds
        }
    }

    private static void echo(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                channel.send(buffer, from);
            }
        } catch (IOException e) {
            System.err.println("echo stopped: " + e);
        }
    }
}
