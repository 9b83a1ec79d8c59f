package org.cleanpath.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cleanpath.policy.Verdict.Status;

/** Snapshots a monitor could publish, as test data for the server. */
final class Snapshots {
    static final Instant NOW = Instant.parse("2026-11-27T03:00:00.123456Z");
    static final String XSS = "<script>alert(1)</script>";

    private Snapshots() {}

    static StatusSnapshot.Capture running() {
        return new StatusSnapshot.Capture("eth0", true, StatusSnapshot.CaptureState.RUNNING, 120_000, 12, 3,
                NOW.minusMillis(200), null);
    }

    static StatusSnapshot.Versions versions() {
        return new StatusSnapshot.Versions("trust-2026.11.20", Map.of("asn", "2026-11-25", "country", "2026-11-25"),
                NOW.minusSeconds(3600), null);
    }

    static StatusSnapshot clean() {
        return with(Status.CLEAN, running(), List.of());
    }

    static StatusSnapshot dirty() {
        return with(Status.DIRTY, running(), List.of(
                new StatusSnapshot.Violation("no-untrusted-transit", "path crosses an AS outside the trust table",
                        "responder", "203.0.113.7", 4134L, "CN", null, "cdn.example.net", 42, 3_500_000,
                        List.of("CAbc123", "CDef456")),
                new StatusSnapshot.Violation("vendor-" + XSS, XSS, "neighbor", "00:11:22:33:44:55", null, null,
                        "Huawei", null, 3, 9_000, List.of("CXss789"))));
    }

    static StatusSnapshot with(Status window, StatusSnapshot.Capture capture, List<StatusSnapshot.Violation> violations) {
        List<StatusSnapshot.FlowSummary> flows = List.of(
                new StatusSnapshot.FlowSummary("CAbc123", NOW.minusSeconds(1), "192.0.2.10", 51514, "203.0.113.7", 443,
                        "tcp", 12_345, Status.DIRTY, "no-untrusted-transit"),
                new StatusSnapshot.FlowSummary("CGhi000", NOW.minusSeconds(2), "192.0.2.10", 53000, "198.51.100.1", 53,
                        "udp", 180, Status.CLEAN, null),
                new StatusSnapshot.FlowSummary("CJkl111", NOW.minusSeconds(3), "2001:db8::10", 40000, "2001:db8::53", 443,
                        "udp", 2_000, Status.UNVERIFIED, null),
                new StatusSnapshot.FlowSummary("CDef456", NOW.minusSeconds(4), "192.0.2.11", 51515, "203.0.113.7", 443,
                        "tcp", 9_876, Status.DIRTY, "no-untrusted-transit"));
        StatusSnapshot.Counts counts = new StatusSnapshot.Counts(120_000, 119_000, 600, 400, 98_000_000, 1_234,
                Map.of(Status.CLEAN, 1_100L, Status.DIRTY, 45L, Status.UNVERIFIED, 89L),
                Map.of(Status.CLEAN, 94_000_000L, Status.DIRTY, 3_509_000L, Status.UNVERIFIED, 491_000L));
        return new StatusSnapshot(NOW, NOW.minusSeconds(600), Duration.ofSeconds(60), window,
                window == Status.CLEAN ? Status.CLEAN : Status.DIRTY, counts, violations, capture, versions(),
                List.of(new StatusSnapshot.Traffic("DE", "Germany", 80_000_000, 900),
                        new StatusSnapshot.Traffic("US", "United States", 14_000_000, 200),
                        new StatusSnapshot.Traffic("CN", "China", 3_500_000, 42)),
                List.of(new StatusSnapshot.Traffic("AS3320", "Deutsche Telekom AG", 80_000_000, 900),
                        new StatusSnapshot.Traffic("AS15169", "Google LLC", 14_000_000, 200),
                        new StatusSnapshot.Traffic("AS4134", "Chinanet", 3_500_000, 42)),
                flows);
    }
}
