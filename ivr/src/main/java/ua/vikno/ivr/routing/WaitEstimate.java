package ua.vikno.ivr.routing;

import java.time.Duration;

/**
 * The expected wait of a queue caller: their position times a learned wait per caller ahead, an exponentially
 * weighted mean of what served callers actually waited divided by their position on joining.
 */
final class WaitEstimate {
    private static final double WEIGHT = 0.3;
    private double perCallerMillis;

    WaitEstimate(Duration initialPerCaller) {
        this.perCallerMillis = initialPerCaller.toMillis();
    }

    synchronized Duration expected(int position) {
        return Duration.ofMillis(Math.round(perCallerMillis * position));
    }

    synchronized void served(Duration waited, int positionOnJoining) {
        double sample = waited.toMillis() / (double) Math.max(1, positionOnJoining);
        perCallerMillis = WEIGHT * sample + (1 - WEIGHT) * perCallerMillis;
    }
}
