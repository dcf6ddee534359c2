package ua.vikno.ivr.fake;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.CallEvents;
import ua.vikno.ivr.IvrAssembly;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.CallbackStore;
import ua.vikno.ivr.routing.RouteOutcome;
import ua.vikno.ivr.routing.RoutedCall;
import ua.vikno.ivr.schedule.InMemoryOverrideStore;

/** The IVR of the sample configuration over a {@link FakePbx}, fake prompts and fake time. */
public final class IvrHarness {
    public static final String HOTLINE = "+380444960000";
    public static final Path VOICEMAIL = Path.of("/var/lib/vikno/voicemail");

    public final ViknoConfig config = SampleConfig.load();
    public final FakeTime time;
    public final FakePbx pbx;
    public final InMemoryOverrideStore overrides = new InMemoryOverrideStore();
    public final FakeWorker worker = new FakeWorker();
    public final IvrAssembly ivr;
    private int calls;

    /** At {@code kyivLocal}, e.g. {@code 2026-11-23T10:00} (a Monday in working hours). */
    public IvrHarness(String kyivLocal) {
        this(kyivLocal, VOICEMAIL);
    }

    /** As above, with voice messages under {@code voicemail}. */
    public IvrHarness(String kyivLocal, Path voicemail) {
        this(kyivLocal, voicemail, CallbackStore.NONE, CallbackProgress.NONE);
    }

    /** At {@code kyivLocal}, keeping call-backs in {@code callbacks} and telling {@code progress} of them. */
    public IvrHarness(String kyivLocal, CallbackStore callbacks, CallbackProgress progress) {
        this(kyivLocal, VOICEMAIL, callbacks, progress);
    }

    private IvrHarness(String kyivLocal, Path voicemail, CallbackStore callbacks, CallbackProgress progress) {
        this.time = new FakeTime(kyiv(kyivLocal));
        this.pbx = new FakePbx(time);
        this.ivr = new IvrAssembly(config, pbx, time, time, new FakePrompts(config.prompts().keySet()), overrides,
                IvrSettings.defaults(voicemail), worker, callbacks, progress);
    }

    public static Instant kyiv(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Kyiv")).toInstant();
    }

    /** A new call from a resident to the hotline, not yet offered. */
    public FakeCall newCall() {
        calls++;
        return new FakeCall("c" + calls, "+38067000000" + calls, HOTLINE, time);
    }

    /** A resident calls the hotline: the entry flow takes the call. */
    public Dialled dial() {
        return dial(HOTLINE);
    }

    public Dialled dial(String number) {
        calls++;
        FakeCall call = new FakeCall("c" + calls, "+38067000000" + calls, number, time);
        return new Dialled(call, ivr.flows().handle(call));
    }

    /** Sends an answered call straight to {@code target}, as a menu or fallback would. */
    public Dialled route(String target) {
        FakeCall call = newCall();
        call.answer();
        return route(call, target);
    }

    public Dialled route(FakeCall call, String target) {
        int colon = target.indexOf(':');
        Target t = new Target(Target.Kind.valueOf(target.substring(0, colon < 0 ? target.length() : colon)
                .toUpperCase(java.util.Locale.ROOT)), colon < 0 ? "" : target.substring(colon + 1));
        RoutedCall routed = new RoutedCall(call, new CallEvents(call), Optional.of("city"));
        return new Dialled(call, ivr.router().route(routed, t));
    }

    /** Every line of a department is on a call. */
    public void allBusy(String department) {
        config.departments().get(department).members().forEach(pbx::onACall);
    }

    /** A call and the future of the IVR's part in it. */
    public record Dialled(FakeCall call, Future<RouteOutcome> outcome) {
    }
}
