package ua.vikno.pbx.rtp;

/** Carries a {@link MediaFailure} through a failed {@code Future} or to a caller that asked for a value. */
public final class MediaException extends RuntimeException {
    private final transient MediaFailure failure;

    public MediaException(MediaFailure failure) {
        super(failure.describe(), null, false, false);
        this.failure = failure;
    }

    public MediaFailure failure() {
        return failure;
    }
}
