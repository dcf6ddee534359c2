package ua.vikno.appeals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Call-centre figures for a period, per operator and per department, computed from call records.
 * Offered: calls that reached the department (or the operator); answered: an operator talked;
 * missed: not answered (missed or abandoned; voicemail counts as missed for service level);
 * service level: the share of offered calls answered within the given wait.
 */
public record CallStatistics(Row total, List<Row> byDepartment, List<Row> byOperator, Duration answeredWithin) {

    /** The figures of one operator, department or the whole centre. */
    public record Row(String key, long offered, long answered, long missed, double averageWaitSeconds,
                      double averageTalkSeconds, double answeredWithinShare) {
    }

    public static CallStatistics of(Collection<CompletedCall> calls, Duration answeredWithin) {
        return new CallStatistics(row("total", calls, answeredWithin),
                grouped(calls, CompletedCall::department, answeredWithin),
                grouped(calls, CompletedCall::operator, answeredWithin), answeredWithin);
    }

    private static List<Row> grouped(Collection<CompletedCall> calls, Function<CompletedCall, Optional<String>> key,
                                     Duration within) {
        Map<String, List<CompletedCall>> groups = new TreeMap<>();
        for (CompletedCall c : calls) {
            key.apply(c).ifPresent(k -> groups.computeIfAbsent(k, x -> new ArrayList<>()).add(c));
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((k, list) -> rows.add(row(k, list, within)));
        return List.copyOf(rows);
    }

    private static Row row(String key, Collection<CompletedCall> calls, Duration within) {
        long answered = 0;
        long inTime = 0;
        double wait = 0;
        double talk = 0;
        for (CompletedCall c : calls) {
            wait += c.queueWait().toMillis() / 1000.0;
            if (c.kind() == AppealKind.ANSWERED) {
                answered++;
                talk += c.talkTime().toMillis() / 1000.0;
                if (c.queueWait().compareTo(within) <= 0) {
                    inTime++;
                }
            }
        }
        long offered = calls.size();
        return new Row(key, offered, answered, offered - answered, offered == 0 ? 0 : round(wait / offered),
                answered == 0 ? 0 : round(talk / answered), offered == 0 ? 0 : round((double) inTime / offered));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
