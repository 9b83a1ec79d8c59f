package org.cleanpath.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cleanpath.capture.CaptureWriter;
import org.cleanpath.capture.LinkType;
import org.cleanpath.capture.PcapWriter;
import org.cleanpath.capture.PcapngWriter;

/** The sample captures the project ships in {@code captures/}, and how each one is written. */
public final class Samples {
    private static final List<Scenario> SCENARIOS = List.of(
            new VlanGtpIpv6Scenario(),
            new FiveGIngressScenario(FiveGIngressScenario.DIRTY),
            new FiveGIngressScenario(FiveGIngressScenario.CLEAN));

    /** Container format: classic pcap with microsecond, or pcapng with nanosecond timestamps. */
    public enum Format {
        PCAP,
        PCAPNG;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One file of the sample set. */
    public record Sample(String scenario, Format format) {
        public String fileName() {
            return scenario + "." + format.extension();
        }
    }

    /** Everything {@code cleanpath generate --all} writes: each scenario as pcap, the first also as pcapng. */
    public static final List<Sample> ALL = List.of(
            new Sample("vlan-gtp-ipv6", Format.PCAP),
            new Sample("vlan-gtp-ipv6", Format.PCAPNG),
            new Sample("5g-ingress-dirty", Format.PCAP),
            new Sample("5g-ingress-clean", Format.PCAP));

    private Samples() {}

    public static List<String> scenarioNames() {
        return SCENARIOS.stream().map(Scenario::name).toList();
    }

    /** The frames of scenario {@code name}, or empty when there is no such scenario. */
    public static Optional<List<TimedFrame>> frames(String name) {
        return find(name).map(Scenario::frames);
    }

    /** Writes scenario {@code name} to {@code target}; the file appears only once complete. */
    public static void write(String name, Format format, Path target) throws IOException {
        Scenario scenario = find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown scenario '" + name + "'; known: " + String.join(", ", scenarioNames())));
        CaptureWriter out = format == Format.PCAP
                ? PcapWriter.create(target, LinkType.ETHERNET, PcapWriter.DEFAULT_SNAPLEN, false)
                : PcapngWriter.create(target, LinkType.ETHERNET, PcapWriter.DEFAULT_SNAPLEN, true,
                        "cleanpath generate --scenario " + name);
        try {
            for (TimedFrame frame : scenario.frames()) {
                out.write(frame.timestampNanos(), frame.data());
            }
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    /** Writes every file of {@link #ALL} into {@code directory} (created if missing). */
    public static List<Path> writeAll(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Sample sample : ALL) {
            Path target = directory.resolve(sample.fileName());
            write(sample.scenario(), sample.format(), target);
            written.add(target);
        }
        return written;
    }

    private static Optional<Scenario> find(String name) {
        return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
