package ua.vikno.supervisor.internal;

/** Sums 16-bit PCM frames with saturation, so that two loud voices clip rather than wrap around. */
public final class Mixer {
    private Mixer() {
    }

    /** {@code out[i] = clamp(a[i] + b[i])}; {@code out} may be {@code a}. */
    public static short[] mix(short[] a, short[] b, short[] out) {
        for (int i = 0; i < out.length; i++) {
            int sum = a[i] + b[i];
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
        return out;
    }
}
