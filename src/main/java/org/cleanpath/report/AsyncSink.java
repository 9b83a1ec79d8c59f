package org.cleanpath.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Hands records to a consumer on a second thread, in batches, keeping their order. The packet loop
 * then never waits for attribution, formatting or disk: on a 2-core machine that work runs on the
 * other core.
 */
public final class AsyncSink<T> implements Consumer<T>, AutoCloseable {
    private static final int BATCH = 512;
    private static final List<Object> END = new ArrayList<>();

    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(64);
    private final Thread worker;
    private List<Object> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private boolean closed;

    public AsyncSink(String name, Consumer<T> consumer) {
        worker = new Thread(() -> run(consumer), name);
        worker.setDaemon(true);
        worker.start();
    }

    @SuppressWarnings("unchecked")
    private void run(Consumer<T> consumer) {
        try {
            while (true) {
                List<Object> b = queue.take();
                if (b == END) {
                    return;
                }
                for (Object o : b) {
                    consumer.accept((T) o);
                }
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // unblock the producer; it sees the failure on its next hand-over
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

    private void handOver(List<Object> b) {
        rethrow();
        try {
            while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over records", e);
        }
    }

    private void rethrow() {
        Throwable t = failure;
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

    /** Hands over what is left and waits until the consumer has processed everything. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!batch.isEmpty()) {
            handOver(batch);
        }
        handOver(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }
}
