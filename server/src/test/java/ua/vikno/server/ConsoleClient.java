package ua.vikno.server;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vertx.core.json.JsonObject;

/** A console user's HTTP client for tests: keeps the session cookie and sends the CSRF token on changes. */
final class ConsoleClient {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "vikno-admin";
    static final String SUPERVISOR = "koval";
    static final String SUPERVISOR_PASSWORD = "vikno-super";
    static final String OPERATOR = "shevchenko";
    static final String OPERATOR_PASSWORD = "vikno-operator";

    private final int port;
    private final HttpClient client;
    private String csrf = "";

    ConsoleClient(int port) {
        this(port, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(2))
                .build());
    }

    private ConsoleClient(int port, HttpClient client) {
        this.port = port;
        this.client = client;
    }

    /** The same user, with the same cookie and CSRF token, talking to the node on {@code otherPort}. */
    ConsoleClient at(int otherPort) {
        ConsoleClient c = new ConsoleClient(otherPort, client);
        c.csrf = csrf;
        return c;
    }

    /** A client already logged in as {@code login}; fails the test if the login is refused. */
    static ConsoleClient loggedIn(int port, String login, String password) throws IOException, InterruptedException {
        ConsoleClient c = new ConsoleClient(port);
        HttpResponse<String> r = c.login(login, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("login " + login + " refused: " + r.statusCode() + " " + r.body());
        }
        return c;
    }

    HttpResponse<String> login(String login, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/session",
                new JsonObject().put("login", login).put("password", password).encode(), false);
        if (r.statusCode() == 200) {
            csrf = new JsonObject(r.body()).getString("csrfToken");
        }
        return r;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the session's CSRF token. */
    HttpResponse<String> post(String path, JsonObject body) throws IOException, InterruptedException {
        return send("POST", path, body.encode(), true);
    }

    /** A POST without the CSRF token, as a forged cross-site request would be. */
    HttpResponse<String> postWithoutCsrf(String path, JsonObject body) throws IOException, InterruptedException {
        return send("POST", path, body.encode(), false);
    }

    /** Any method, with the session's CSRF token. */
    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, true);
    }

    HttpResponse<String> logout() throws IOException, InterruptedException {
        return send("DELETE", "/api/session", "", true);
    }

    HttpClient http() {
        return client;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(String method, String path, String body, boolean withCsrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("content-type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (withCsrf) {
            b.header("X-CSRF-Token", csrf);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
