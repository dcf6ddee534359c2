package ua.vikno.sms;

import java.time.Duration;

/**
 * Tuning of the gateway that the configuration file does not carry; {@link #defaults(String)} documents the
 * production values, tests shorten the times.
 *
 * @param keyPrefix       Redis key prefix; the hash tag keeps every key in one Cluster slot (Lua scripts need that)
 * @param group           consumer group of the outbox stream
 * @param consumer        this gateway's consumer name, unique per node (default: the node name)
 * @param retryInitial    back-off after the first failed attempt, doubled per attempt (default 2 s)
 * @param retryMax        longest back-off between attempts (default 5 min)
 * @param throttleInitial pause after ESME_RTHROTTLED, doubled while throttling lasts (default 200 ms)
 * @param reconnectInitial first reconnect delay, doubled up to {@code sms.smpp.reconnect-max} (default 1 s)
 * @param submitTimeout   wait for submit_sm_resp, SMPP's transaction timer (default 10 s)
 * @param bindTimeout     wait for bind_transceiver_resp (default 10 s)
 * @param claimIdle       a message pending this long at another consumer is taken over (default 60 s)
 * @param claimInterval   how often pending messages of crashed consumers are looked for (default 10 s)
 * @param readBlock       XREADGROUP BLOCK time; also bounds how long {@code stop()} waits (default 1 s)
 * @param smscIdTtl       how long SMSC ids stay matchable to receipts (default 7 days)
 */
public record SmsGatewayOptions(String keyPrefix, String group, String consumer, Duration retryInitial,
                                Duration retryMax, Duration throttleInitial, Duration reconnectInitial,
                                Duration submitTimeout, Duration bindTimeout, Duration claimIdle,
                                Duration claimInterval, Duration readBlock, Duration smscIdTtl) {

    public static SmsGatewayOptions defaults(String consumer) {
        return new SmsGatewayOptions("vikno:{sms}", "sms-gateway", consumer, Duration.ofSeconds(2),
                Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofDays(7));
    }

    public SmsGatewayOptions withRetry(Duration initial, Duration max) {
        return new SmsGatewayOptions(keyPrefix, group, consumer, initial, max, throttleInitial, reconnectInitial,
                submitTimeout, bindTimeout, claimIdle, claimInterval, readBlock, smscIdTtl);
    }

    public SmsGatewayOptions withReconnectInitial(Duration initial) {
        return new SmsGatewayOptions(keyPrefix, group, consumer, retryInitial, retryMax, throttleInitial, initial,
                submitTimeout, bindTimeout, claimIdle, claimInterval, readBlock, smscIdTtl);
    }

    public SmsGatewayOptions withClaim(Duration idle, Duration interval) {
        return new SmsGatewayOptions(keyPrefix, group, consumer, retryInitial, retryMax, throttleInitial,
                reconnectInitial, submitTimeout, bindTimeout, idle, interval, readBlock, smscIdTtl);
    }

    public SmsGatewayOptions withKeyPrefix(String prefix) {
        return new SmsGatewayOptions(prefix, group, consumer, retryInitial, retryMax, throttleInitial, reconnectInitial,
                submitTimeout, bindTimeout, claimIdle, claimInterval, readBlock, smscIdTtl);
    }

    public SmsGatewayOptions withTimeouts(Duration submit, Duration bind, Duration block) {
        return new SmsGatewayOptions(keyPrefix, group, consumer, retryInitial, retryMax, throttleInitial,
                reconnectInitial, submit, bind, claimIdle, claimInterval, block, smscIdTtl);
    }
}
