package org.cleanpath.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AsyncSinkTest {
    @Test
    @Timeout(30)
    void orderedSink_commitsInArrivalOrder_whilePreparingOnSeveralThreads() {
        List<Integer> committed = new ArrayList<>();
        Set<String> preparers = ConcurrentHashMap.newKeySet();
        try (AsyncSink<Integer> sink = AsyncSink.ordered("test", 3, i -> {
            preparers.add(Thread.currentThread().getName());
            // Uneven work, so later batches often finish preparing before earlier ones.
            if (ThreadLocalRandom.current().nextInt(50) == 0) LockSupport.parkNanos(200_000);
            return i * 2;
        }, committed::add)) {
            for (int i = 0; i < 100_000; i++) sink.accept(i);
        }
        assertEquals(100_000, committed.size());
        for (int i = 0; i < committed.size(); i++) assertEquals(i * 2, committed.get(i), "position " + i);
        assertTrue(preparers.size() > 1, "more than one worker prepared batches: " + preparers);
    }

    @Test
    @Timeout(30)
    void failureInPrepare_reachesTheProducer_andNoWorkerHangs() {
        AsyncSink<Integer> sink = AsyncSink.ordered("test", 2, i -> {
            if (i == 1_234) throw new IllegalStateException("bad record " + i);
            return i;
        }, i -> {});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (sink) {
                for (int i = 0; i < 200_000; i++) sink.accept(i);
            }
        });
        assertEquals("bad record 1234", e.getMessage());
    }

    @Test
    @Timeout(30)
    void failureInCommit_reachesTheProducer() {
        List<Integer> committed = new ArrayList<>();
        AsyncSink<Integer> sink = AsyncSink.ordered("test", 2, i -> i, i -> {
            if (i == 700) throw new IllegalStateException("disk full");
            committed.add(i);
        });
        assertThrows(IllegalStateException.class, () -> {
            try (sink) {
                for (int i = 0; i < 10_000; i++) sink.accept(i);
            }
        });
        // What was committed is a prefix of the input: nothing after the failure, nothing out of order.
        for (int i = 0; i < committed.size(); i++) assertEquals(i, committed.get(i));
        assertEquals(700, committed.size());
    }

    @Test
    @Timeout(30)
    void flush_handsOverAPartialBatch() throws Exception {
        List<Integer> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AsyncSink<Integer> sink = new AsyncSink<>("test", committed::add)) {
            sink.accept(1);
            sink.accept(2);
            sink.flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (committed.size() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(List.of(1, 2), List.copyOf(committed));
        }
    }
}
