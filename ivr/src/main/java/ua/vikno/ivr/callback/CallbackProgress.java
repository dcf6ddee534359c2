package ua.vikno.ivr.callback;

import java.time.Instant;

/**
 * Hears what became of each call-back attempt, for the resident's appeal; called under the queue's lock, so an
 * implementation only hands the news on.
 */
public interface CallbackProgress {

    /** Why an attempt was used up without a conversation. */
    enum Miss {
        /** The operator answered, the resident did not (or was busy, or could not be called). */
        RESIDENT,
        /** {@code callbackOperatorMisses} operators in a row did not answer. */
        OPERATORS
    }

    /** Attempt {@code attempt} of {@code attempts} connected {@code operator} with the resident at {@code at}. */
    void connected(PendingCallback callback, String operator, Instant at, int attempt, int attempts);

    /** Attempt {@code attempt} failed; the next is made no earlier than {@code nextNotBefore}. */
    void missed(PendingCallback callback, Miss why, int attempt, int attempts, Instant nextNotBefore);

    /** The last attempt failed too: the call-back is given up. */
    void givenUp(PendingCallback callback, Miss why, int attempts);

    /** The call-back was not made within its queue's {@code callback-expiry}: dropped. */
    void expired(PendingCallback callback);

    /** Hears nothing. */
    CallbackProgress NONE = new CallbackProgress() {
        @Override
        public void connected(PendingCallback callback, String operator, Instant at, int attempt, int attempts) {
        }

        @Override
        public void missed(PendingCallback callback, Miss why, int attempt, int attempts, Instant nextNotBefore) {
        }

        @Override
        public void givenUp(PendingCallback callback, Miss why, int attempts) {
        }

        @Override
        public void expired(PendingCallback callback) {
        }
    };
}
