package ua.vikno.sms;

/** Where an outgoing SMS is in its life. */
public enum SmsStatus {
    /** Durably in the outbox, not yet accepted by the SMSC. */
    QUEUED,
    /** Being submitted right now by one gateway (a lease in Redis). */
    SENDING,
    /** Every part accepted by the SMSC (submit_sm_resp OK); waiting for the delivery receipt. */
    SENT,
    /** The delivery receipts say every part reached the handset. */
    DELIVERED,
    /** Given up: dead-lettered after the last attempt, or a receipt reported non-delivery. */
    FAILED;
}
