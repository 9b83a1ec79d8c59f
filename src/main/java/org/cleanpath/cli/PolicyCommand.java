package org.cleanpath.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.cleanpath.policy.DefaultPolicyBuilder;
import org.cleanpath.policy.Policy;
import org.cleanpath.policy.PolicyException;
import org.cleanpath.policy.PolicyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleanpath policy}: validate trust tables and build the default one. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Check or build trust-table policy files.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.BuildDefault.class})
final class PolicyCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (check, build-default)");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a policy file; each problem is printed as FILE:LINE:COLUMN: message.",
                "Exit status: 0 valid, 2 invalid."})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Policy file (YAML).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Policy p = PolicyParser.parse(file);
                out.printf("%s: valid: policy %s, %d rules, %d internal networks, default %s, missing attribution %s%n",
                        file, p.version(), p.rules().size(), p.internal().size(),
                        p.defaultAction().name().toLowerCase(), p.missingAttribution().name().toLowerCase());
                out.flush();
                return Main.EXIT_CLEAN;
            } catch (PolicyException e) {
                e.problems().forEach(err::println);
                err.flush();
                return Main.EXIT_ERROR;
            }
        }
    }

    @Command(name = "build-default", mixinStandardHelpOptions = true,
            description = "Build the default trust table from the reference tables of covered entities.")
    static final class BuildDefault implements Callable<Integer> {
        @Option(names = "--reference", required = true, paramLabel = "DIR",
                description = "Folder with asn-reference.tsv, oui-reference.tsv and domains-reference.tsv.")
        Path reference;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the YAML.")
        Path output;

        @Override
        public Integer call() throws IOException, PolicyException {
            String yaml = DefaultPolicyBuilder.build(reference);
            PolicyParser.parse(output.toString(), yaml); // never write a table we could not read back
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".policy", ".part");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Main.EXIT_CLEAN;
        }
    }
}
