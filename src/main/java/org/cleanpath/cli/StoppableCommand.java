package org.cleanpath.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.cleanpath.flow.CaptureAnalysis;

/** A command reading captures that a signal stops cleanly (see {@link GracefulStop}). */
abstract class StoppableCommand implements Callable<Integer> {
    /** The analysis in progress, which a signal asks to stop; set by {@link #run()}. */
    volatile CaptureAnalysis running;

    @Override
    public final Integer call() throws IOException {
        try (GracefulStop stop = new GracefulStop(() -> {
            CaptureAnalysis a = running;
            if (a != null) {
                a.requestStop();
            }
        })) {
            int status = run();
            stop.done(status);
            return status;
        }
    }

    /** The command's work; returns its exit status. */
    abstract int run() throws IOException;
}
