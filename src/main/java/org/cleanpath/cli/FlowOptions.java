package org.cleanpath.cli;

import java.time.Duration;
import org.cleanpath.flow.FlowSettings;
import picocli.CommandLine.Option;

/** Flow-table options shared by the commands that assemble flows. */
final class FlowOptions {
    @Option(names = "--max-flows", defaultValue = "1048576", paramLabel = "N",
            description = "Flow table size; when full the oldest idle flow is evicted and reported (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--tcp-timeout", defaultValue = "5m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "TCP idle timeout in packet time (default: ${DEFAULT-VALUE}).")
    Duration tcpTimeout;

    @Option(names = "--udp-timeout", defaultValue = "1m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "UDP idle timeout (default: ${DEFAULT-VALUE}).")
    Duration udpTimeout;

    @Option(names = "--icmp-timeout", defaultValue = "1m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "ICMP idle timeout (default: ${DEFAULT-VALUE}).")
    Duration icmpTimeout;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: when stderr is a terminal).")
    Boolean progress;

    FlowSettings settings() {
        return FlowSettings.defaults().withMaxFlows(maxFlows).withTimeouts(tcpTimeout, udpTimeout, icmpTimeout);
    }
}
