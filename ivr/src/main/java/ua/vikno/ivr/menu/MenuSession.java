package ua.vikno.ivr.menu;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.config.Ivr;
import ua.vikno.config.Target;
import ua.vikno.ivr.CallEvents;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.routing.RoutedCall;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;

/**
 * One caller's way through the voice menus, as an explicit state machine ({@link MenuState}). Rules:
 * <ul>
 * <li>the prompt plays until a digit; after it, the menu waits {@code timeout} for one;</li>
 * <li>no input or an invalid digit plays the no-input or invalid prompt, then the menu again, {@code retries}
 *     times; then the caller goes to {@code on-exhausted};</li>
 * <li>{@code 0} reaches the operator from any menu (unless the menu gives 0 an option of its own);</li>
 * <li>{@code *} goes back to the previous menu (in the first menu it repeats the prompt);</li>
 * <li>where {@code direct-dial} is on, digits that begin an extension are collected until the extension is
 *     complete, {@code #}, or the inter-digit timeout; a single digit that is also an option is that option when
 *     no extension follows, and the digit after it is kept for the next menu.</li>
 * </ul>
 * The path and the option labels are noted in the call's notes on every step.
 */
public final class MenuSession {
    /** The label noted when {@code 0} reaches the operator without an option of its own. */
    public static final String OPERATOR_LABEL = "Оператор";
    /** The label noted for a directly dialled extension, followed by the extension. */
    public static final String EXTENSION_LABEL = "Внутрішній номер ";
    private static final Logger LOG = LoggerFactory.getLogger(MenuSession.class);

    private final RoutedCall call;
    private final Ivr ivr;
    private final Set<String> extensions;
    private final Prompts prompts;
    private final Timers timers;
    private final java.time.Duration interDigitTimeout;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Deque<Character> typeAhead = new ArrayDeque<>();
    private final StringBuilder collected = new StringBuilder();
    private final Promise<MenuExit> exit = Promise.promise();
    private MenuState state = MenuState.PROMPTING;
    private int retriesUsed;
    /** Which prompt or timer is current; callbacks of older ones carry a smaller number and are ignored. */
    private int turn;
    private Timers.Handle timer = Timers.Handle.NONE;
    private CallEvents.Subscription events = () -> { };

    public MenuSession(RoutedCall call, Ivr ivr, Set<String> extensions, Prompts prompts, Timers timers,
                       java.time.Duration interDigitTimeout) {
        this.call = call;
        this.ivr = ivr;
        this.extensions = Set.copyOf(extensions);
        this.prompts = prompts;
        this.timers = timers;
        this.interDigitTimeout = interDigitTimeout;
    }

    /** A menu on the way, and the path that led into it. */
    private record Frame(Ivr.Menu menu, MenuPath path) {
    }

    /** Starts in {@code menu}; completes when the caller has chosen a target or hung up. */
    public Future<MenuExit> start(Ivr.Menu menu) {
        events = call.events().listen(this::onEvent);
        enter(menu, MenuPath.startingAt(menu.id()));
        return exit.future();
    }

    public MenuState state() {
        return state;
    }

    private void onEvent(CallEvent event) {
        if (event instanceof CallEvent.Digit d) {
            onDigit(d.digit());
        } else if (event instanceof CallEvent.Ended) {
            onHangup();
        }
    }

    // ---- events

    /** A key was pressed. */
    void onDigit(char digit) {
        switch (state) {
            case CHOSEN, ABANDONED -> { }
            case COLLECTING -> collect(digit);
            case PROMPTING, NOTIFYING, WAITING -> {
                if (state != MenuState.WAITING) {
                    call.call().stopPlayback();
                }
                stopWaiting();
                select(digit);
            }
        }
    }

    /** A prompt of turn {@code t} ended. */
    void onPlaybackFinished(int t, PlaybackOutcome outcome) {
        if (outcome == PlaybackOutcome.HUNG_UP) {
            onHangup();
            return;
        }
        if (t != turn || outcome != PlaybackOutcome.FINISHED) {
            return;   // a digit interrupted it and is handled as a digit
        }
        if (state == MenuState.PROMPTING) {
            state = MenuState.WAITING;
            int mine = turn;
            timer = timers.schedule(menu().timeout(), () -> onTimeout(mine));
        } else if (state == MenuState.NOTIFYING) {
            prompt();
        }
    }

    /** The timer of turn {@code t} ran out: no input, or the end of a directly dialled extension. */
    void onTimeout(int t) {
        if (t != turn) {
            return;
        }
        if (state == MenuState.WAITING) {
            misinput(menu().timeoutPrompt());
        } else if (state == MenuState.COLLECTING) {
            resolveCollected();
        }
    }

    /** The caller hung up. */
    void onHangup() {
        if (state == MenuState.CHOSEN || state == MenuState.ABANDONED) {
            return;
        }
        state = MenuState.ABANDONED;
        stopWaiting();
        events.close();
        exit.tryComplete(new MenuExit.CallerLeft());
    }

    // ---- transitions

    private void enter(Ivr.Menu menu, MenuPath path) {
        stack.push(new Frame(menu, path));
        retriesUsed = 0;
        note(path);
        prompt();
    }

    private void prompt() {
        stopWaiting();
        if (!typeAhead.isEmpty()) {
            state = MenuState.WAITING;
            onDigit(typeAhead.poll());
            return;
        }
        state = MenuState.PROMPTING;
        play(menu().prompt());
    }

    private void play(String promptId) {
        int mine = turn;
        prompts.play(call.call(), promptId, PlayOptions.UNTIL_DIGIT)
                .onComplete(ar -> onPlaybackFinished(mine, ar.succeeded() ? ar.result() : PlaybackOutcome.HUNG_UP));
    }

    private void select(char digit) {
        Optional<Ivr.Option> option = Optional.ofNullable(menu().options().get(digit));
        if (digit == '*') {
            back();
        } else if (menu().directDial() && isPrefix(String.valueOf(digit))) {
            collected.setLength(0);
            collected.append(digit);
            if (isWholeExtension(collected.toString())) {
                resolveCollected();
            } else {
                awaitNextDigit();
            }
        } else if (option.isPresent()) {
            choose(option.get());
        } else if (digit == '0') {
            finish(ivr.operator(), path().then("0", OPERATOR_LABEL));
        } else {
            misinput(menu().invalidPrompt());
        }
    }

    private void collect(char digit) {
        stopWaiting();
        if (digit == '#') {
            resolveCollected();
            return;
        }
        String candidate = collected.toString() + digit;
        if (isWholeExtension(candidate)) {
            collected.append(digit);
            resolveCollected();
        } else if (isPrefix(candidate)) {
            collected.append(digit);
            awaitNextDigit();
        } else if (collected.length() == 1 && menu().options().containsKey(collected.charAt(0))) {
            // "1" then "2" where no extension starts with 12: option 1, and 2 is for the next menu.
            typeAhead.add(digit);
            Ivr.Option option = menu().options().get(collected.charAt(0));
            collected.setLength(0);
            choose(option);
        } else {
            collected.setLength(0);
            misinput(menu().invalidPrompt());
        }
    }

    private void awaitNextDigit() {
        state = MenuState.COLLECTING;
        int mine = turn;
        timer = timers.schedule(interDigitTimeout, () -> onTimeout(mine));
    }

    private void resolveCollected() {
        stopWaiting();
        String digits = collected.toString();
        collected.setLength(0);
        if (extensions.contains(digits)) {
            finish(new Target(Target.Kind.LINE, digits), path().then(digits, EXTENSION_LABEL + digits));
        } else if (digits.length() == 1 && menu().options().containsKey(digits.charAt(0))) {
            choose(menu().options().get(digits.charAt(0)));
        } else if (digits.equals("0")) {
            finish(ivr.operator(), path().then("0", OPERATOR_LABEL));
        } else {
            misinput(menu().invalidPrompt());
        }
    }

    private void choose(Ivr.Option option) {
        MenuPath next = path().then(String.valueOf(option.digit()), option.label());
        Target target = option.target();
        Ivr.Menu sub = target.kind() == Target.Kind.MENU ? ivr.menus().get(target.ref()) : null;
        if (sub != null) {
            enter(sub, next);
        } else {
            finish(target, next);
        }
    }

    private void back() {
        if (stack.size() > 1) {
            stack.pop();
            Frame previous = stack.pop();
            enter(previous.menu(), previous.path());
        } else {
            prompt();
        }
    }

    private void misinput(Optional<String> notice) {
        stopWaiting();
        if (retriesUsed >= menu().retries()) {
            LOG.debug("call={} menu {}: retries exhausted, to {}", call.id(), menu().id(), menu().onExhausted());
            finish(menu().onExhausted(), path());
            return;
        }
        retriesUsed++;
        if (notice.isPresent()) {
            state = MenuState.NOTIFYING;
            play(notice.get());
        } else {
            prompt();
        }
    }

    private void finish(Target target, MenuPath path) {
        stopWaiting();
        state = MenuState.CHOSEN;
        events.close();
        note(path);
        LOG.debug("call={} menu path {} to {}", call.id(), path.path(), target);
        exit.tryComplete(new MenuExit.Chosen(target));
    }

    // ---- helpers

    /** Cancels the running timer and makes any pending prompt or timer callback stale. */
    private void stopWaiting() {
        timer.cancel();
        timer = Timers.Handle.NONE;
        turn++;
    }

    private Ivr.Menu menu() {
        return stack.peek().menu();
    }

    private MenuPath path() {
        return stack.peek().path();
    }

    private void note(MenuPath path) {
        call.call().notes().put(CallNotes.IVR_PATH, path.path());
        call.call().notes().put(CallNotes.CATEGORY, path.category());
    }

    private boolean isPrefix(String digits) {
        return extensions.stream().anyMatch(e -> e.startsWith(digits));
    }

    /** An extension that no longer extension continues: nothing more to wait for. */
    private boolean isWholeExtension(String digits) {
        return extensions.contains(digits)
                && extensions.stream().noneMatch(e -> e.length() > digits.length() && e.startsWith(digits));
    }
}
