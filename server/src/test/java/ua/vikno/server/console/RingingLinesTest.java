package ua.vikno.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.Party;

class RingingLinesTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    Vertx vertx;
    final BlockingQueue<IncomingCall> published = new LinkedBlockingQueue<>();
    final List<Consumer<CallEvent>> listeners = new ArrayList<>();
    final Map<String, String> notes = new HashMap<>(Map.of(CallNotes.IVR_PATH, "main>1"));

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        vertx.eventBus().registerDefaultCodec(IncomingCall.class, new IncomingCall.LocalCodec());
        vertx.eventBus().<IncomingCall>localConsumer(ConsoleAddresses.INCOMING_CALLS, m -> published.add(m.body()))
                .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        new RingingLines(vertx.eventBus(), Clock.fixed(NOW, ZoneOffset.UTC)).follow(call());
    }

    @AfterEach
    void tearDown() {
        vertx.close();
    }

    /** Only what RingingLines asks of a call: its id, caller, notes and events. */
    Call call() {
        CallNotes callNotes = (CallNotes) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{CallNotes.class},
                (p, m, a) -> m.getName().equals("get") ? Optional.ofNullable(notes.get((String) a[0])) : null);
        return (Call) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Call.class}, (p, m, a) -> switch (m.getName()) {
            case "id" -> "c-1";
            case "caller" -> Party.resident("+380671112233");
            case "notes" -> callNotes;
            case "onEvent" -> {
                @SuppressWarnings("unchecked")
                Consumer<CallEvent> listener = (Consumer<CallEvent>) a[0];
                listeners.add(listener);
                yield null;
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    void emit(CallEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    IncomingCall next() throws InterruptedException {
        IncomingCall c = published.poll(5, TimeUnit.SECONDS);
        assertThat(c).as("an incoming-call event").isNotNull();
        return c;
    }

    @Test
    void aRingingLineIsAnnouncedWithTheCallerAndTheMenuPath() throws Exception {
        emit(new CallEvent.Ringing(NOW, Party.line("200", "Олена")));
        assertThat(next()).isEqualTo(new IncomingCall("c-1", "+380671112233", "200", "main>1", NOW));
    }

    @Test
    void aResidentRingingTheIvrOrARingingTrunkIsNotAnnounced() throws Exception {
        emit(new CallEvent.Ringing(NOW, Party.resident("+380441234567")));
        emit(new CallEvent.Answered(NOW));
        assertThat(published.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void everyLineThatRangHearsWhoAnsweredAndOnlyTheAnsweringOneHearsTheEnd() throws Exception {
        emit(new CallEvent.Ringing(NOW, Party.line("210", "Петро")));
        emit(new CallEvent.Ringing(NOW, Party.line("211", "Марія")));
        next();
        next();
        emit(new CallEvent.Bridged(NOW, Party.line("211", "Марія")));
        List<IncomingCall> answered = List.of(next(), next());
        assertThat(answered).extracting(IncomingCall::line).containsExactlyInAnyOrder("210", "211");
        assertThat(answered).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(IncomingCall.State.ANSWERED);
            assertThat(c.answeredBy()).isEqualTo("211");
        });
        emit(new CallEvent.Ended(NOW, null));
        IncomingCall ended = next();
        assertThat(ended.line()).isEqualTo("211");
        assertThat(ended.state()).isEqualTo(IncomingCall.State.ENDED);
        assertThat(published.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aCallThatEndsWhileRingingTellsEveryRingingLine() throws Exception {
        emit(new CallEvent.Ringing(NOW, Party.line("200", "Олена")));
        next();
        emit(new CallEvent.Ended(NOW, null));
        IncomingCall ended = next();
        assertThat(ended.line()).isEqualTo("200");
        assertThat(ended.state()).isEqualTo(IncomingCall.State.ENDED);
    }
}
