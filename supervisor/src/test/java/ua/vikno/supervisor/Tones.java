package ua.vikno.supervisor;

/** Test audio: 20 ms frames of sine tones, and a Goertzel filter to tell which tones a signal holds. */
final class Tones {
    private Tones() {
    }

    static short[] frame(double hz, long frame) {
        short[] s = new short[160];
        for (int i = 0; i < s.length; i++) {
            double t = (frame * 160 + i) / 8000.0;
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * t));
        }
        return s;
    }

    /** Relative power of {@code hz} in the concatenated frames (Goertzel). */
    static double power(java.util.List<short[]> frames, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        long n = 0;
        for (short[] f : frames) {
            for (short x : f) {
                double s0 = x + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
                n++;
            }
        }
        return n == 0 ? 0 : (s1 * s1 + s2 * s2 - coeff * s1 * s2) / n;
    }

    /** Whether {@code hz} is clearly present: far above a frequency nobody sent. */
    static boolean heard(java.util.List<short[]> frames, double hz) {
        return power(frames, hz) > 100 * Math.max(1, power(frames, 2500));
    }
}
