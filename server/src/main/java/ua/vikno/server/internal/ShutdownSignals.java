package ua.vikno.server.internal;

import sun.misc.Signal;

/**
 * Runs an orderly stop on SIGTERM and SIGINT (Ctrl-C) on its own thread, so that the process exits 0 after
 * its components have been stopped in reverse order, rather than 143 from the JVM's default handler.
 */
@SuppressWarnings("sunapi")
public final class ShutdownSignals {
    private ShutdownSignals() {
    }

    public static void install(Runnable stop) {
        Thread stopper = new Thread(stop, "vikno-shutdown");
        Runnable once = () -> {
            synchronized (stopper) {
                if (stopper.getState() == Thread.State.NEW) {
                    stopper.start();
                }
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> once.run());
            } catch (IllegalArgumentException e) {
                // SIGINT is ignored in background jobs of non-interactive shells; SIGTERM still works.
            }
        }
    }
}
