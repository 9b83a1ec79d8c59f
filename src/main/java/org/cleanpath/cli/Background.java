package org.cleanpath.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Set-up that a command needs soon but not first (parsing the policy, opening the databases), begun
 * on a thread of its own so that the packet loop starts at once. A run's fixed start-up cost is a
 * large share of a short run, and on two cores the loop and this set-up overlap.
 */
final class Background<T, E extends Exception> {
    /** The set-up work; it may throw the one checked exception its caller expects. */
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Background() {}

    static <T, E extends Exception> Background<T, E> start(String name, Work<T, E> work) {
        Background<T, E> b = new Background<>();
        Thread thread = new Thread(() -> {
            try {
                b.result.complete(work.run());
            } catch (Throwable t) {
                b.result.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return b;
    }

    /** Waits for the work; its exception is thrown here as it was thrown there. */
    @SuppressWarnings("unchecked")
    T get() throws E {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error er) throw er;
            throw (E) cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the set-up", e);
        }
    }

    /** For callers that cannot throw {@code E} (a worker thread's function): the same, unchecked. */
    T join() {
        try {
            return get();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new Failed(e);
        }
    }

    /** The work's checked exception, carried unchecked through a worker thread. */
    static final class Failed extends RuntimeException {
        Failed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
