package ua.vikno.pbx.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an SDP body (RFC 4566 section 5) into a {@link SessionDescription}, keeping what offer/answer needs:
 * connection addresses, media lines, rtpmap, ptime and direction. Unknown lines and attributes are skipped as
 * section 5 requires; a malformed line we need is a named failure with its line number.
 */
public final class SdpParser {
    private static final Pattern LINE = Pattern.compile("([a-z])=(.*)");
    private static final Pattern CONNECTION = Pattern.compile("IN IP[46] ([^/\\s]+)(/\\d+)*");
    private static final Pattern MEDIA = Pattern.compile("(\\S+) (\\d{1,5})(/\\d+)? (\\S+)((?: \\S+)+)");
    private static final Pattern RTPMAP = Pattern.compile("(\\d{1,3}) ([^/\\s]+)/(\\d+)(?:/(\\d+))?");

    public Outcome<SessionDescription> parse(String body) {
        String[] lines = body.split("\r?\n");
        if (lines.length == 0 || !lines[0].strip().equals("v=0")) {
            return malformed(1, lines.length == 0 ? "" : lines[0], "an SDP body starts with v=0");
        }
        String origin = "";
        String sessionConnection = null;
        MediaDirection sessionDirection = MediaDirection.SENDRECV;
        List<Section> sections = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher line = LINE.matcher(text);
            if (!line.matches()) {
                return malformed(i + 1, text, "not a <type>=<value> line");
            }
            char type = line.group(1).charAt(0);
            String value = line.group(2);
            Section current = sections.isEmpty() ? null : sections.get(sections.size() - 1);
            if (type == 'm') {
                Matcher m = MEDIA.matcher(value);
                if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
                    return malformed(i + 1, text, "expected m=<media> <port> <proto> <fmt> ...");
                }
                sections.add(new Section(m.group(1), Integer.parseInt(m.group(2)), m.group(4),
                        Arrays.asList(m.group(5).strip().split(" ")), sessionDirection));
            } else if (type == 'c') {
                Matcher c = CONNECTION.matcher(value);
                if (!c.matches()) {
                    return malformed(i + 1, text, "expected c=IN IP4 <address>");
                }
                if (current == null) {
                    sessionConnection = c.group(1);
                } else {
                    current.connection = c.group(1);
                }
            } else if (type == 'o') {
                origin = value;
            } else if (type == 'a') {
                String attribute = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
                String argument = value.contains(":") ? value.substring(value.indexOf(':') + 1).strip() : "";
                var direction = MediaDirection.ofAttribute(attribute);
                if (direction.isPresent()) {
                    if (current == null) {
                        sessionDirection = direction.get();
                    } else {
                        current.direction = direction.get();
                    }
                } else if (current != null && attribute.equals("rtpmap")) {
                    Matcher r = RTPMAP.matcher(argument);
                    if (!r.matches()) {
                        return malformed(i + 1, text, "expected a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]");
                    }
                    int pt = Integer.parseInt(r.group(1));
                    current.rtpmaps.put(pt, new RtpMap(pt, r.group(2), Integer.parseInt(r.group(3)),
                            r.group(4) == null ? 1 : Integer.parseInt(r.group(4))));
                } else if (current != null && attribute.equals("ptime") && argument.matches("\\d{1,4}")) {
                    current.ptime = OptionalInt.of(Integer.parseInt(argument));
                }
            }
        }
        List<MediaDescription> media = new ArrayList<>();
        for (Section s : sections) {
            String connection = s.connection != null ? s.connection : sessionConnection;
            if (connection == null) {
                return malformed(0, "m=" + s.media + " " + s.port, "no connection address (RFC 4566 section 5.7)");
            }
            media.add(new MediaDescription(s.media, s.port, s.protocol, s.formats, connection, s.rtpmaps, s.ptime,
                    s.direction));
        }
        return Outcome.ok(new SessionDescription(origin, media));
    }

    private static Outcome<SessionDescription> malformed(int line, String text, String reason) {
        return Outcome.failed(new MediaFailure.MalformedSdp(line, text, reason));
    }

    /** A media section while its attribute lines are read. */
    private static final class Section {
        final String media;
        final int port;
        final String protocol;
        final List<String> formats;
        final Map<Integer, RtpMap> rtpmaps = new HashMap<>();
        String connection;
        OptionalInt ptime = OptionalInt.empty();
        MediaDirection direction;

        Section(String media, int port, String protocol, List<String> formats, MediaDirection direction) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
            this.direction = direction;
        }
    }
}
