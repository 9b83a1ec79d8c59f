package org.cleanpath.flow;

import java.time.Duration;

/**
 * Flow table limits and idle timeouts, measured in packet time (so offline and live analysis agree).
 * Defaults follow Zeek: TCP 5 min, UDP and ICMP 1 min, 5 s after a TCP close or reset.
 */
public record FlowSettings(
        int maxFlows, Duration tcpTimeout, Duration udpTimeout, Duration icmpTimeout,
        Duration otherTimeout, Duration tcpCloseDelay) {

    public static final int DEFAULT_MAX_FLOWS = 1 << 20;

    public static FlowSettings defaults() {
        return new FlowSettings(DEFAULT_MAX_FLOWS, Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    public FlowSettings {
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be at least 1, got " + maxFlows);
        }
    }

    public FlowSettings withMaxFlows(int n) {
        return new FlowSettings(n, tcpTimeout, udpTimeout, icmpTimeout, otherTimeout, tcpCloseDelay);
    }

    public FlowSettings withTimeouts(Duration tcp, Duration udp, Duration icmp) {
        return new FlowSettings(maxFlows, tcp, udp, icmp, otherTimeout, tcpCloseDelay);
    }
}
