package ua.vikno.pbx.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The cumulative figures of the last row of a SIPp {@code -trace_stat} file (semicolon-separated, a header row
 * naming the columns, such as {@code SuccessfulCall(C)}).
 *
 * @param responseTime response time 1 (start_rtd/rtd in the scenario): mean and the share under each bound
 */
record SippStatistics(long successful, long failed, long retransmissions, String responseTime) {

    static SippStatistics read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new SippStatistics(0, 0, 0, "no statistics file");
        }
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            return new SippStatistics(0, 0, 0, "no statistics rows");
        }
        List<String> names = Arrays.asList(lines.get(0).split(";"));
        String[] last = lines.get(lines.size() - 1).split(";");
        StringBuilder times = new StringBuilder("mean ").append(column(names, last, "ResponseTime1(C)"));
        long counted = 0;
        long[] counts = new long[names.size()];
        for (int i = 0; i < names.size() && i < last.length; i++) {
            if (names.get(i).startsWith("ResponseTimeRepartition1")) {
                counts[i] = parse(last[i]);
                counted += counts[i];
            }
        }
        long cumulative = 0;
        for (int i = 0; i < names.size() && i < last.length; i++) {
            if (names.get(i).startsWith("ResponseTimeRepartition1") && counted > 0) {
                cumulative += counts[i];
                String bound = names.get(i).substring("ResponseTimeRepartition1".length()).replace("_", " ");
                times.append(String.format(java.util.Locale.ROOT, ", %s ms: %.1f%%", bound.trim(),
                        100.0 * cumulative / counted));
            }
        }
        return new SippStatistics(parse(column(names, last, "SuccessfulCall(C)")),
                parse(column(names, last, "FailedCall(C)")), parse(column(names, last, "Retransmissions(C)")),
                times.toString());
    }

    private static String column(List<String> names, String[] row, String name) {
        int i = names.indexOf(name);
        return i >= 0 && i < row.length ? row[i] : "?";
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
