package org.cleanpath.generate;

/** One generated Ethernet frame and its capture time. */
public record TimedFrame(long timestampNanos, byte[] data) {}
