package ua.vikno.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** A small blocking HTTP client for tests (never used on an event loop). */
final class Http {
    // HTTP/1.1: the JDK client otherwise offers an h2c upgrade on every new connection, and a request once hung
    // past its timeout in a full run
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final java.util.Map<Integer, ConsoleClient> ADMINS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Calls {@code /api} as the sample's administrator: logs in once per port and again when the session is gone
     * (a restarted server forgets its sessions).
     */
    static HttpResponse<String> api(int port, String method, String path, String body)
            throws IOException, InterruptedException {
        ConsoleClient admin = ADMINS.get(port);
        if (admin != null) {
            HttpResponse<String> r = admin.call(method, path, body);
            if (r.statusCode() != 401) {
                return r;
            }
        }
        admin = new ConsoleClient(port);
        HttpResponse<String> login = admin.login(ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
        if (login.statusCode() != 200) {
            return login;
        }
        ADMINS.put(port, admin);
        return admin.call(method, path, body);
    }

    static HttpResponse<String> api(int port, String path) throws IOException, InterruptedException {
        return api(port, "GET", path, "");
    }

    /** Polls {@code /api} as the administrator until {@code done} holds or {@code timeout} passes. */
    static HttpResponse<String> awaitApi(int port, String path, Predicate<HttpResponse<String>> done, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> last = api(port, path);
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            last = api(port, path);
        }
        return last;
    }

    /** Polls {@code path} until {@code done} holds or {@code timeout} passes; returns the last response. */
    static HttpResponse<String> await(int port, String path, Predicate<HttpResponse<String>> done, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> last = get(port, path);
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            last = get(port, path);
        }
        return last;
    }
}
