package ua.vikno.pbx.sip;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import ua.vikno.config.Network;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.testkit.BenchProcesses;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.Tones;

/**
 * A figure, not a test (its name keeps it out of the default run): call setup rate, IVR-style, as issue 3 sets the
 * target against Asterisk. SIPp, as a trunk, places calls at {@code -Drate} per second for {@code -Dseconds};
 * the engine answers each one and plays it a 3 s prompt; the caller hangs up after 1 s. Prints SIPp's successful
 * and failed calls, its INVITE-to-200 times, the calls the engine saw end, the engine JVM's CPU and SIPp's over
 * the steady part, and the ports left in use. Run with {@code bench/call-setup}:
 *
 * <pre>mvn -q -pl pbx-bridge -am test -Dtest=CallSetupBench -Dsurefire.failIfNoSpecifiedTests=false -Drate=900</pre>
 */
class CallSetupBench {

    /** SIPp placing {@code rate} calls a second for {@code seconds}, its statistics in {@code <name>-stats.csv}. */
    private static Process sipp(RunningEngine server, Path dir, String name, int rate, int seconds)
            throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + server.port(), "-sf",
                Path.of("src/test/sipp/bench-setup-call.xml").toAbsolutePath().toString(),
                "-i", "127.0.0.2", "-mi", "127.0.0.2", "-p", Integer.toString(FreePorts.next()),
                "-mp", Integer.toString(FreePorts.nextEvenPair()), "-s", "0800300100",
                "-r", Integer.toString(rate), "-m", Integer.toString(rate * seconds),
                "-l", Integer.toString(rate * 4), "-timeout", (seconds + 60) + "s", "-nostdin",
                "-trace_stat", "-stf", dir.resolve(name + "-stats.csv").toString(), "-fd", "1",
                "-trace_err", "-error_file", dir.resolve(name + "-errors.log").toString()));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-sipp.log").toFile()).start();
    }

    @Test
    void answeredCallsAtAFixedRate() throws Exception {
        int rate = Integer.getInteger("rate", 300);
        int seconds = Integer.getInteger("seconds", 20);
        int total = rate * seconds;
        Path dir = Files.createTempDirectory("vikno-setup-bench-");
        Path greeting = Tones.write(dir.resolve("greeting.wav"), 440, 3.0);
        AudioPrompt prompt = new AudioPrompt("greeting", greeting);
        AtomicLong incoming = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        AtomicLong answerFailures = new AtomicLong();
        try (RunningEngine server = new RunningEngine(RunningEngine.settings(FreePorts.next(), Duration.ofMinutes(5)),
                List.of())) {
            // a call holds its pair for about 1.1 s, and a closed pair waits in the pool's order before reuse
            server.withRtpPairs(rate * 2 + 200);
            server.trunks = List.of(new Trunk("bench", Trunk.Mode.STATIC, "127.0.0.2", 5060, Network.Transport.UDP,
                    List.of("127.0.0.2"), java.util.Optional.empty(), "+380440000000"));
            server.start();
            server.pbx().onIncomingCall(call -> {
                incoming.incrementAndGet();
                call.onEvent(e -> {
                    if (e instanceof CallEvent.Ended) {
                        ended.incrementAndGet();
                    }
                });
                call.answer().compose(v -> call.play(prompt, PlayOptions.ONCE)).onFailure(e -> {
                    if (call.state() != ua.vikno.pbx.CallState.ENDED) {
                        answerFailures.incrementAndGet();
                        call.hangup(HangupCause.NORMAL);
                    }
                });
            });
            // warm-up, not measured: a third of the rate for 10 s, so that the JIT has compiled the call path
            Process warmUp = sipp(server, dir, "warm-up", Math.max(1, rate / 3), 10);
            warmUp.waitFor(60, TimeUnit.SECONDS);
            long warmCalls = incoming.get();
            Thread.sleep(2000);
            incoming.addAndGet(-warmCalls);
            ended.addAndGet(-warmCalls);
            Path stats = dir.resolve("measured-stats.csv");
            Process sipp = sipp(server, dir, "measured", rate, seconds);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Thread.sleep(3000);
            long cpu0 = os.getProcessCpuTime();
            long sipp0 = BenchProcesses.cpuNanos(sipp.pid());
            var threads0 = BenchProcesses.threadCpuNanos();
            long wall0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(2, seconds - 5)));
            long wall = System.nanoTime() - wall0;
            double engineCore = (os.getProcessCpuTime() - cpu0) / (double) wall;
            double sippCore = (BenchProcesses.cpuNanos(sipp.pid()) - sipp0) / (double) wall;
            String busiest = BenchProcesses.busiestThreads(threads0, BenchProcesses.threadCpuNanos(), wall);
            String load = BenchProcesses.loadAverage();
            boolean finished = sipp.waitFor(seconds + 90L, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ended.get() < incoming.get() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            while (server.rtpPorts.inUse() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            SippStatistics sippStats = SippStatistics.read(stats);
            System.out.printf("%nBENCH call setup: %d calls at %d per second; SIPp %s, exit %s: %d successful, "
                            + "%d failed, %d retransmissions; INVITE to 200 %s; engine saw %d calls, %d ended, %d "
                            + "answer/play failures; engine JVM %.1f%% of a core (%s), SIPp %.1f%%; RTP pairs in use after "
                            + "%d; load average %s%n",
                    total, rate, finished ? "finished" : "DID NOT FINISH", finished ? sipp.exitValue() : "-",
                    sippStats.successful(), sippStats.failed(), sippStats.retransmissions(),
                    sippStats.responseTime(), incoming.get(), ended.get(), answerFailures.get(),
                    100 * engineCore, busiest, 100 * sippCore, server.rtpPorts.inUse(), load);
            if (!finished) {
                sipp.destroyForcibly();
            }
        }
    }
}
