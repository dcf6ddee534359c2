package ua.vikno.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.config.ConfigError;
import ua.vikno.config.ConfigException;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.ViknoConfig;
import ua.vikno.server.internal.ShutdownSignals;

/**
 * {@code vikno [--config FILE] [--check] [--print-redis-url]}: validates the configuration and runs a node
 * until SIGTERM or SIGINT. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad configuration or usage.
 */
public final class Main {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_CONFIG = 2;
    private static final String DEFAULT_CONFIG = "config/samples/housing-services.yaml";

    private Main() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, System.getenv("VIKNO_CONFIG"), DEFAULT_CONFIG);
        } catch (IllegalArgumentException e) {
            System.err.println("vikno: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(EXIT_CONFIG);
            return;
        }
        if (cli.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        ViknoConfig config;
        try {
            config = ConfigLoader.withSystemEnvironment().load(cli.config());
        } catch (ConfigException e) {
            printConfigErrors(System.err, e);
            System.exit(EXIT_CONFIG);
            return;
        }
        if (cli.printRedisUrl()) {
            System.out.println(config.redis().url());
            return;
        }
        if (cli.check()) {
            System.out.printf("%s: configuration OK (%d lines, %d departments, %d menus, %d numbers)%n", cli.config(),
                    config.lines().size(), config.departments().size(), config.ivr().menus().size(),
                    config.numbers().size());
            return;
        }
        run(config, t0);
    }

    private static void run(ViknoConfig config, long t0) {
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch done = new CountDownLatch(1);
        ViknoServer server;
        try {
            server = ViknoServer.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.error("cannot start: {}", cause.getMessage());
            System.err.println("vikno: cannot start: " + cause.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        ShutdownSignals.install(() -> {
            log.info("stopping on signal");
            long s0 = System.nanoTime();
            server.stop().onComplete(ar -> {
                log.info("Vikno stopped cleanly in {} ms", (System.nanoTime() - s0) / 1_000_000);
                done.countDown();
            });
            try {
                if (!done.await(15, TimeUnit.SECONDS)) {
                    System.err.println("vikno: shutdown took longer than 15 s; exiting anyway");
                    Runtime.getRuntime().halt(EXIT_START_FAILED);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        String ready = String.format(Locale.ROOT, "Vikno ready in %.2f s: SIP %s, HTTP http://%s:%d (console /, health /health, metrics /metrics),"
                        + " Redis %s, config %s", seconds, server.sipAddress(), config.network().http().bind(), server.httpPort(),
                redisAddress(config.redis().url()), config.source());
        System.out.println(ready);
        System.out.flush();
    }

    static void printConfigErrors(PrintStream out, ConfigException e) {
        out.println("vikno: cannot start: " + e.source() + " has " + e.errors().size() + " configuration error(s):");
        for (ConfigError error : e.errors()) {
            out.println("  " + error);
        }
    }

    private static String redisAddress(String url) {
        int at = url.lastIndexOf('@');
        return at < 0 ? url : url.substring(0, url.indexOf("//") + 2) + "***@" + url.substring(at + 1);
    }

    /** The parsed command line. */
    record CommandLine(Path config, boolean check, boolean printRedisUrl, boolean help) {
        static final String USAGE = "usage: vikno [--config FILE] [--check] [--print-redis-url]\n"
                + "  --config FILE       the configuration (default $VIKNO_CONFIG or " + DEFAULT_CONFIG + ")\n"
                + "  --check             validate the configuration and exit\n"
                + "  --print-redis-url   print the configured Redis URL and exit";

        static CommandLine parse(String[] args, String envConfig, String fallback) {
            String config = envConfig != null && !envConfig.isBlank() ? envConfig : fallback;
            boolean check = false;
            boolean printRedis = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config", "-c" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--config needs a file");
                        }
                        config = args[++i];
                    }
                    case "--check" -> check = true;
                    case "--print-redis-url" -> printRedis = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            return new CommandLine(Path.of(config), check, printRedis, help);
        }
    }
}
