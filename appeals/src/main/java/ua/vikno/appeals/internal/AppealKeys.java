package ua.vikno.appeals.internal;

import java.util.ArrayList;
import java.util.List;

import ua.vikno.appeals.Appeal;

/**
 * Redis keys of the appeals registry. All share the hash tag {@code {ap}}, so they live in one slot and the
 * scripts that touch several of them also run on Redis Cluster.
 */
public final class AppealKeys {
    public static final String PREFIX = "vikno:{ap}:";

    private AppealKeys() {
    }

    /**
     * The pub/sub channel every appeal change of Redis database {@code database} is published on (channels are
     * server-wide, databases are not); same slot as the appeals, so the scripts may name it.
     */
    public static String changes(int database) {
        return PREFIX + "changes:" + database;
    }

    public static String sequence(int year) {
        return PREFIX + "seq:" + year;
    }

    public static String appeal(String number) {
        return PREFIX + "appeal:" + number;
    }

    public static String history(String number) {
        return PREFIX + "appeal:" + number + ":history";
    }

    public static String appealOfCall(String callId) {
        return PREFIX + "call-appeal:" + callId;
    }

    public static String call(String callId) {
        return PREFIX + "call:" + callId;
    }

    public static String calls() {
        return PREFIX + "idx:calls";
    }

    public static String all() {
        return PREFIX + "idx:all";
    }

    public static String status(String key) {
        return PREFIX + "idx:status:" + key;
    }

    public static String phone(String phone) {
        return PREFIX + "idx:phone:" + phone;
    }

    public static String category(String category) {
        return PREFIX + "idx:cat:" + category;
    }

    public static String department(String department) {
        return PREFIX + "idx:dept:" + department;
    }

    public static String operator(String operator) {
        return PREFIX + "idx:op:" + operator;
    }

    public static String assignee(String assignee) {
        return PREFIX + "idx:assignee:" + assignee;
    }

    /** Every index sorted set an appeal belongs to (scored by its creation time). */
    public static List<String> indexesOf(Appeal a) {
        List<String> keys = new ArrayList<>(List.of(all(), status(a.status().key()), phone(a.phone())));
        if (!a.category().isEmpty()) {
            keys.add(category(a.category()));
        }
        a.department().ifPresent(d -> keys.add(department(d)));
        a.operator().ifPresent(o -> keys.add(operator(o)));
        a.assignee().ifPresent(o -> keys.add(assignee(o)));
        return keys;
    }
}
