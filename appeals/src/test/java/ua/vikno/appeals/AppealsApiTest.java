package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.testkit.SharedRedis;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppealsApiTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    final HttpClient http = HttpClient.newHttpClient();
    Vertx vertx;
    HttpServer server;
    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    AppealService appeals;
    String number;

    @BeforeAll
    void start() throws Exception {
        client = RedisClient.create(SharedRedis.get().url().replace("/0", "/4"));
        connection = client.connect();
        connection.sync().flushdb();
        vertx = Vertx.vertx();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        appeals = new AppealService(connection.async(), clock, ZoneId.of("Europe/Kyiv"), AppealNotifier.none());
        Router router = Router.router(vertx);
        new AppealsApi(appeals, ctx -> "tester", clock).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        number = appeals.registerCall(Calls.answered("+380671234567", NOW.minusSeconds(60), "water", "210",
                List.of("Водопостачання", "Гаряча вода"), Duration.ofSeconds(3), Duration.ofSeconds(50)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).number();
    }

    @AfterAll
    void stop() {
        vertx.close();
        connection.close();
        client.shutdown();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheJournalWithFilters() throws Exception {
        HttpResponse<String> r = get("/api/appeals?phone=%2B380671234567&status=registered&department=water");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject page = new JsonObject(r.body());
        assertThat(page.getLong("total")).isEqualTo(1);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("category")).isEqualTo("Водопостачання / Гаряча вода");
    }

    @Test
    void anUnknownAppealIs404() throws Exception {
        HttpResponse<String> r = get("/api/appeals/2026-999999");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("no appeal 2026-999999");
    }

    @Test
    void anIllegalTransitionIs409AndNamesTheAllowedOnes() throws Exception {
        HttpResponse<String> r = post("/api/appeals/" + number + "/status", "{\"status\":\"reopened\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(r.body()).getString("error")).contains("cannot go from registered to reopened")
                .contains("allowed: ");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> r = post("/api/appeals/" + number + "/status", "{\"status\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("malformed JSON body");
    }

    @Test
    void aMissingFieldIs400NamingIt() throws Exception {
        HttpResponse<String> r = post("/api/appeals/" + number + "/comments", "{\"txt\": \"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("field 'text' is required (a non-empty string)");
    }

    @Test
    void anUnknownStatusOrBadPeriodIs400() throws Exception {
        assertThat(get("/api/appeals?status=done").statusCode()).isEqualTo(400);
        HttpResponse<String> r = get("/api/appeals?from=yesterday");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("error")).contains("bad time 'yesterday'");
        assertThat(get("/api/appeals?limit=100000").statusCode()).isEqualTo(400);
    }

    @Test
    void commentsAreKeptWithTheirAuthor() throws Exception {
        assertThat(post("/api/appeals/" + number + "/comments", "{\"text\": \"Мешканка просить зателефонувати після 18:00\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> history = get("/api/appeals/" + number + "/history");
        assertThat(history.body()).contains("\"actor\":\"tester\"").contains("Мешканка просить");
    }

    @Test
    void exportsCallHistoryAsCsv() throws Exception {
        HttpResponse<String> r = get("/api/calls.csv?from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/csv; charset=utf-8");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFcall_id,caller,");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("+380671234567").contains("Водопостачання / Гаряча вода").contains("answered");
    }

    @Test
    void servesStatisticsForAPeriod() throws Exception {
        JsonObject s = new JsonObject(get("/api/statistics?from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z&within=20").body());
        assertThat(s.getJsonObject("total").getLong("answered")).isEqualTo(1);
        assertThat(s.getJsonArray("byOperator").getJsonObject(0).getString("key")).isEqualTo("210");
    }
}
