package org.cleanpath.generate;

import java.time.Instant;
import java.util.List;

/** One sample capture's content: a fixed, seeded sequence of frames. */
interface Scenario {
    /** Start of every sample capture, so regenerating gives the same timestamps. */
    Instant START = Instant.parse("2026-01-05T09:00:00Z");

    String name();

    /** Builds the frames afresh; equal on every call. */
    List<TimedFrame> frames();
}
