package ua.vikno.testkit;

/**
 * One Redis server shared by all tests of a JVM (started on first use, killed at exit), so the suite pays
 * for one start. Tests that stop or restart Redis must start their own {@link RedisServer} instead.
 */
public final class SharedRedis {
    private static RedisServer server;

    private SharedRedis() {
    }

    public static synchronized RedisServer get() {
        if (server == null) {
            server = RedisServer.start();
            RedisServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::kill, "shared-redis-stop"));
        }
        return server;
    }
}
