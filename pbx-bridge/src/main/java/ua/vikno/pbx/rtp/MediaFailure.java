package ua.vikno.pbx.rtp;

import java.util.List;

/** Why a media operation failed: a small sealed family of named failures, each with the offending value. */
public sealed interface MediaFailure {

    /** A human-readable sentence naming the failure and the value that caused it. */
    String describe();

    /** A datagram or payload that does not follow its wire format. */
    record MalformedPacket(PacketError error, String detail) implements MediaFailure {
        @Override
        public String describe() {
            return error.description() + ": " + detail;
        }
    }

    /** An SDP body that does not follow RFC 4566; {@code line} is 1-based, 0 for the whole body. */
    record MalformedSdp(int line, String text, String reason) implements MediaFailure {
        @Override
        public String describe() {
            return "SDP line " + line + " '" + text + "': " + reason;
        }
    }

    /** The offer has no audio codec we support: answer 488 Not Acceptable Here (RFC 3261 section 21.4.26). */
    record NoCommonCodec(List<String> offered) implements MediaFailure {
        @Override
        public String describe() {
            return "no common audio codec; offered " + offered;
        }
    }

    /** Every RTP port pair of the configured range is in use. */
    record PortsExhausted(int portMin, int portMax, int pairs) implements MediaFailure {
        @Override
        public String describe() {
            return "all " + pairs + " RTP port pairs of " + portMin + "-" + portMax + " are in use";
        }
    }

    /** A local UDP port could not be bound. */
    record BindFailed(String host, int port, String cause) implements MediaFailure {
        @Override
        public String describe() {
            return "cannot bind UDP " + host + ":" + port + ": " + cause;
        }
    }

    /** A prompt file that is not an 8 kHz mono 16-bit PCM WAV. */
    record UnsupportedWav(String reason) implements MediaFailure {
        @Override
        public String describe() {
            return "unsupported WAV: " + reason;
        }
    }

    /** A prompt file that could not be read at all. */
    record PromptUnreadable(String path, String cause) implements MediaFailure {
        @Override
        public String describe() {
            return "cannot read prompt " + path + ": " + cause;
        }
    }

    /** A SIP INFO body that carries no recognisable DTMF digit. */
    record MalformedDtmf(String contentType, String body) implements MediaFailure {
        @Override
        public String describe() {
            return "no DTMF digit in " + contentType + " body '" + body.strip() + "'";
        }
    }

    /** The session was closed before or during the operation. */
    record SessionClosed(String session) implements MediaFailure {
        @Override
        public String describe() {
            return "RTP session " + session + " is closed";
        }
    }
}
