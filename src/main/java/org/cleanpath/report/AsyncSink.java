package org.cleanpath.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands records to other threads, in batches, keeping their order. The packet loop then never waits
 * for attribution, judging, formatting or disk: on a 2-core machine that work runs on the other core.
 *
 * <p>An ordered sink splits the work in two: {@code prepare} (attribution, verdicts, formatting; it
 * must be thread-safe) runs on several worker threads at once, and {@code commit} (report totals,
 * the output stream) then takes the prepared batches one at a time, in the order they were handed
 * over. When the packet loop is done, or the workers fall behind it, the work of one batch no longer
 * waits for the one before it.
 */
public final class AsyncSink<T> implements Consumer<T>, AutoCloseable {
    private static final int BATCH = 512;
    private static final Batch END = new Batch(-1, List.of());

    private record Batch(long sequence, List<Object> items) {}

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(64);
    private final List<Thread> workers = new ArrayList<>();
    private final Object commitLock = new Object();
    private long nextToCommit;
    private long nextSequence;
    private List<Object> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    /** Whether the producer has been given the failure (try-with-resources must not get it twice). */
    private boolean failureThrown;
    private boolean closed;

    /** One worker thread that hands each record to {@code consumer}. */
    public AsyncSink(String name, Consumer<T> consumer) {
        this(name, 1, t -> t, consumer);
    }

    private <R> AsyncSink(String name, int threads, Function<T, R> prepare, Consumer<R> commit) {
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> run(prepare, commit), threads == 1 ? name : name + "-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /**
     * A sink whose records are prepared by {@code threads} workers at once and committed in order.
     *
     * @param prepare turns a record into what {@code commit} takes; called from several threads
     * @param commit  takes the prepared records one at a time, in the order the records arrived
     */
    public static <T, R> AsyncSink<T> ordered(String name, int threads, Function<T, R> prepare, Consumer<R> commit) {
        return new AsyncSink<>(name, Math.max(1, threads), prepare, commit);
    }

    /** Worker threads for an ordered sink: one per core, up to four (the commit step is serial anyway). */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    @SuppressWarnings("unchecked")
    private <R> void run(Function<T, R> prepare, Consumer<R> commit) {
        try {
            while (true) {
                Batch b = queue.take();
                if (b == END) {
                    queue.put(END); // for the other workers
                    return;
                }
                List<R> prepared = new ArrayList<>(b.items().size());
                for (Object o : b.items()) {
                    prepared.add(prepare.apply((T) o));
                }
                synchronized (commitLock) {
                    while (nextToCommit != b.sequence() && failure == null) {
                        commitLock.wait();
                    }
                    if (failure != null) {
                        return;
                    }
                    try {
                        for (R r : prepared) {
                            commit.accept(r);
                        }
                    } catch (Throwable t) {
                        failure = t; // before the next batch's worker is let in
                        throw t;
                    } finally {
                        nextToCommit++;
                        commitLock.notifyAll();
                    }
                }
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
            queue.clear(); // unblock the producer; it sees the failure on its next hand-over
            queue.offer(END); // and let the other workers stop
            synchronized (commitLock) {
                commitLock.notifyAll();
            }
        }
    }

    @Override
    public void accept(T item) {
        batch.add(item);
        if (batch.size() == BATCH) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void handOver(List<Object> items) {
        put(new Batch(nextSequence++, items));
    }

    private void put(Batch b) {
        rethrow();
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over records", e);
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t != null) {
            failureThrown = true;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Hands over a partial batch now, so a slow trickle of records (a quiet live link) still reaches
     * the consumer; call it from the producing thread (or under the producer's lock).
     */
    public void flush() {
        if (!batch.isEmpty() && !closed) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Hands over what is left and waits until the workers have committed everything. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A producer that already has the failure hands nothing more over.
        if (!failureThrown && !batch.isEmpty()) {
            handOver(batch);
        }
        if (failure == null) {
            put(END);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failureThrown) {
            rethrow();
        }
    }
}
