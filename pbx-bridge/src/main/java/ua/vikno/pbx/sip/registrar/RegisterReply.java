package ua.vikno.pbx.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ua.vikno.pbx.sip.auth.DigestChallenge;

/** What a registrar answers to a REGISTER (RFC 3261 section 10.3). */
public sealed interface RegisterReply {

    /** 200 OK listing every current binding of the address-of-record (step 8). */
    record Registered(List<Binding> bindings, Instant now) implements RegisterReply {
    }

    /** 401 Unauthorized with a digest challenge (section 22.4). */
    record Challenge(DigestChallenge challenge) implements RegisterReply {
    }

    /** 423 Interval Too Brief with the shortest expiry accepted (section 10.3 step 7, 20.23). */
    record IntervalTooBrief(Duration minExpires) implements RegisterReply {
    }

    /** Any other refusal: a status code and reason phrase. */
    record Refused(int status, String reason) implements RegisterReply {
    }
}
