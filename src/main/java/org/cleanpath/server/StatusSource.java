package org.cleanpath.server;

/**
 * Where the status server reads the monitor's state: one immutable {@link StatusSnapshot} per request.
 *
 * <p>The contract: {@link #snapshot()} is called on a Netty event-loop thread for every request, so it
 * must be cheap (no locking of the packet path, no I/O, no computation) and thread-safe. The intended
 * implementation is the monitor publishing a fresh snapshot at least once a second:
 *
 * <pre>{@code
 * AtomicReference<StatusSnapshot> current = new AtomicReference<>(StatusSnapshot.starting(...));
 * StatusSource source = current::get;          // handed to StatusServer
 * // monitor's reporting thread, every second:
 * current.set(buildSnapshot());                // all aggregation happens here, off the event loop
 * }</pre>
 *
 * <p>It must never return null; before the first packet the monitor publishes a snapshot with zero counts
 * and an {@code UNVERIFIED} verdict.
 */
@FunctionalInterface
public interface StatusSource {
    StatusSnapshot snapshot();
}
