package org.cleanpath.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM/SIGINT handling for commands that write results: on a signal, asks the work to stop, waits
 * until the command has flushed its flows, written its summary and renamed its output into place,
 * then ends the process with the command's exit status. Without it the JVM would exit mid-write,
 * leaving a temporary file and no summary.
 */
final class GracefulStop implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitStatus = Main.EXIT_ERROR;
    private volatile boolean signalled;

    GracefulStop(Runnable requestStop) {
        hook = new Thread(() -> {
            signalled = true;
            requestStop.run();
            try {
                if (!finished.await(1, TimeUnit.SECONDS)) {
                    // A reader blocked on standard input never sees the stop flag: end its input.
                    org.cleanpath.capture.CaptureFiles.closeStandardInput();
                }
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(exitStatus);
        }, "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean signalled() {
        return signalled;
    }

    /** The command is done (its output complete); a pending signal may now end the process. */
    void done(int status) {
        exitStatus = status;
        finished.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal arrived: the hook ends the process once done() was called
        }
    }
}
