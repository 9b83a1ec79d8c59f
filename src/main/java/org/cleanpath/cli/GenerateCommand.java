package org.cleanpath.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cleanpath.generate.Samples;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cleanpath generate}: writes the deterministic sample captures. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write deterministic sample captures (the same bytes on every run).",
            "Scenarios: vlan-gtp-ipv6, 5g-ingress-dirty, 5g-ingress-clean."
        })
final class GenerateCommand implements Callable<Integer> {

    static final class OneScenario {
        @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "Scenario to write.")
        String scenario;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Capture file to write.")
        Path output;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pcap",
                description = "pcap (microseconds) or pcapng (nanoseconds); default ${DEFAULT-VALUE}.")
        String format;
    }

    static final class Selection {
        @ArgGroup(exclusive = false)
        OneScenario one;

        @Option(names = "--all", paramLabel = "DIR", description = "Write every sample capture into DIR.")
        Path all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (selection.all != null) {
            for (Path written : Samples.writeAll(selection.all)) {
                spec.commandLine().getOut().println(written);
            }
            return Main.EXIT_CLEAN;
        }
        OneScenario one = selection.one;
        Samples.Format format;
        try {
            format = Samples.Format.valueOf(one.format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be pcap or pcapng, not '" + one.format + "'");
        }
        if (!Samples.scenarioNames().contains(one.scenario)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" + one.scenario
                    + "'; known: " + String.join(", ", Samples.scenarioNames()));
        }
        Samples.write(one.scenario, format, one.output);
        return Main.EXIT_CLEAN;
    }
}
