package org.cleanpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BackgroundTest {

    @Test
    @Timeout(10) // work run on the caller's thread would wait forever for its release
    void runsOnItsOwnNamedThreadAndHandsBackTheValue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Background<String, InterruptedException> b = Background.start("set-up", () -> {
            release.await(); // the caller goes on while this waits
            return Thread.currentThread().getName();
        });
        release.countDown();
        assertEquals("set-up", b.get());
        assertNotEquals("set-up", Thread.currentThread().getName());
        assertEquals("set-up", b.join());
    }

    @Test
    void getThrowsTheWorksOwnCheckedException() {
        IOException failure = new IOException("no such database file");
        Background<String, IOException> b = Background.start("set-up", () -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IOException.class, b::get));
        // Twice: every caller that waits sees it.
        assertSame(failure, assertThrows(IOException.class, b::get));
    }

    @Test
    void joinCarriesACheckedExceptionUncheckedAndRethrowsUncheckedOnesAsTheyAre() {
        IOException checked = new IOException("damaged");
        Background<String, IOException> b = Background.start("set-up", () -> {
            throw checked;
        });
        Background.Failed failed = assertThrows(Background.Failed.class, b::join);
        assertSame(checked, failed.getCause());
        assertEquals("damaged", failed.getMessage());

        IllegalStateException unchecked = new IllegalStateException("bug");
        Background<String, IOException> c = Background.start("set-up", () -> {
            throw unchecked;
        });
        assertSame(unchecked, assertThrows(IllegalStateException.class, c::join));
        assertSame(unchecked, assertThrows(IllegalStateException.class, c::get));
    }
}
