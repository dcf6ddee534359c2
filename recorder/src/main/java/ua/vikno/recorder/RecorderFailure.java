package ua.vikno.recorder;

/** Why recording a call failed; every message names the call. */
public abstract sealed class RecorderFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String callId;

    RecorderFailure(String callId, String message, Throwable cause) {
        super("call " + callId + ": " + message, cause, false, false);
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** The WAV could not be written (disk full, permissions). */
    public static final class WriteFailed extends RecorderFailure {
        private static final long serialVersionUID = 1L;

        public WriteFailed(String callId, String file, Throwable cause) {
            super(callId, "cannot write " + file + ": " + describe(cause), cause);
        }
    }

    /** The encoder failed; the WAV is kept. */
    public static final class ConversionFailed extends RecorderFailure {
        private static final long serialVersionUID = 1L;

        public ConversionFailed(String callId, String target, Throwable cause) {
            super(callId, "cannot convert to " + target + ": " + describe(cause), cause);
        }
    }

    /** The converted file is unreadable or its length differs from the WAV's; the WAV is kept. */
    public static final class VerificationFailed extends RecorderFailure {
        private static final long serialVersionUID = 1L;

        public VerificationFailed(String callId, String target, String problem) {
            super(callId, target + " failed verification: " + problem, null);
        }
    }

    /** Redis did not take the metadata; the WAV is kept so the next start stores it again. */
    public static final class MetadataFailed extends RecorderFailure {
        private static final long serialVersionUID = 1L;

        public MetadataFailed(String callId, Throwable cause) {
            super(callId, "cannot store metadata: " + describe(cause), cause);
        }
    }
}
