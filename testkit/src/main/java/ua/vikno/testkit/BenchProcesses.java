package ua.vikno.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the benches read about the machine's processes from /proc: CPU time, busiest threads, load. */
public final class BenchProcesses {
    private BenchProcesses() {
    }

    /** User plus system CPU time of a process from /proc (clock ticks of 10 ms). */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU time of this JVM's threads by name from /proc/self/task, digits dropped so that a pool's threads add up
     * (for example {@code vert.x-eventloop-thread-}, {@code C2 CompilerThread}).
     */
    public static java.util.Map<String, Long> threadCpuNanos() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
                    byName.merge(name, nanos, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we listed it
                }
            }
        } catch (IOException e) {
            return byName;
        }
        return byName;
    }

    /** The threads that used more than 1 % of a core between two {@link #threadCpuNanos} readings, busiest first. */
    public static String busiestThreads(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long wallNanos) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() * 100 > wallNanos)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * e.getValue() / wallNanos)));
        return out.toString();
    }

    /** CPU of this JVM's finished children (such as ffmpeg runs of JAVE): cutime + cstime of /proc/self/stat. */
    public static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }
}
