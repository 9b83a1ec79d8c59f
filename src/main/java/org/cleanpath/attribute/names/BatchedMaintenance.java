package org.cleanpath.attribute.names;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An executor for Caffeine's maintenance (buffer draining, eviction, expiry) that runs it on the
 * writing thread once every {@code batch} writes, instead of after each write or on a pool: results
 * stay independent of a pool's timing, and the hot path does not run the bookkeeping per write.
 * Caffeine still drains by itself when its write buffer fills, and {@code cleanUp()} runs it at once.
 */
public final class BatchedMaintenance implements Executor {
    private final int batch;
    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private final AtomicInteger writes = new AtomicInteger();

    public BatchedMaintenance(int batch) {
        this.batch = batch;
    }

    /** Keeps the maintenance task for the next batch boundary. */
    @Override
    public void execute(Runnable task) {
        pending.set(task);
    }

    /** Counts a write to the cache; every {@code batch}-th one runs the maintenance left pending. */
    public void afterWrite() {
        if (writes.incrementAndGet() % batch == 0) {
            Runnable task = pending.getAndSet(null);
            if (task != null) task.run();
        }
    }
}
