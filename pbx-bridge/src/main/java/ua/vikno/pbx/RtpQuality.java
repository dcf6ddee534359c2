package ua.vikno.pbx;

/**
 * Reception quality of one leg's media over the call (RFC 3550 section 6.4.1 terms).
 *
 * @param jitterMillis the interarrival jitter estimate at the end of the call
 */
public record RtpQuality(Leg leg, long packetsReceived, long packetsLost, double jitterMillis) {
}
