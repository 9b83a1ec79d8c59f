package org.cleanpath.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.cleanpath.attribute.Attributor;
import org.cleanpath.attribute.FlowFactsObserver;
import org.cleanpath.attribute.GeoDatabaseException;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.attribute.vendor.CoveredVendors;
import org.cleanpath.attribute.vendor.Neighbor;
import org.cleanpath.attribute.vendor.OuiRegistry;
import org.cleanpath.flow.CaptureAnalysis;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.policy.FlowJudge;
import org.cleanpath.policy.Policy;
import org.cleanpath.policy.PolicyException;
import org.cleanpath.policy.PolicyParser;
import org.cleanpath.policy.Verdict;
import org.cleanpath.report.AnalysisReport;
import org.cleanpath.report.AsyncSink;
import org.cleanpath.report.AtomicOutput;
import org.cleanpath.report.EvidenceWriter;
import org.cleanpath.report.JudgedFlowWriter;
import org.cleanpath.report.Progress;
import org.cleanpath.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleanpath analyze}: does the traffic in these captures stay on a clean path, and why not. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Check every flow in capture files against a trust table (policy) and give a verdict with evidence:",
            "clean, dirty (which rule, which element: remote endpoint, tunnel outer endpoint, L2 next hop,",
            "LLDP/CDP neighbour) or unverified (no attribution: fails closed).",
            "Exit status: 0 clean, 1 dirty (or unverified with --fail-on unverified), 2 error or damaged input."})
final class AnalyzeCommand extends StoppableCommand {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files (pcap, pcapng, gzipped); - for standard input.")
    List<String> files;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Trust table (YAML; default: geodb/trust/clean-network.yaml). Check one with 'cleanpath policy check'.")
    Path policyFile;

    @Option(names = "--geodb", paramLabel = "DIR", description = "MaxMind-format databases (default: the embedded geodb/).")
    Path geodb;

    @Option(names = "--oui", paramLabel = "FILE", arity = "1..*",
            description = "IEEE registry files (oui.csv, mam.csv, oui36.csv) or their directory, instead of the shipped subset.")
    List<Path> oui;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (report for people), json (one report object), jsonl or csv (one flow per line with its verdict). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the report or flows to OUT instead of standard output.")
    String output;

    @Option(names = "--write-evidence", paramLabel = "OUT.pcap", description = "Write the packets of dirty flows to a pcap file.")
    Path evidence;

    @Option(names = "--fail-on", paramLabel = "WHAT", description = "'unverified': exit 1 when flows could not be verified, too.")
    String failOn;

    @Option(names = {"-q", "--quiet"}, description = "No accounting summary on stderr (jsonl/csv formats).")
    boolean quiet;

    @Mixin
    FlowOptions flowOptions;

    @Override
    int run() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "jsonl", "csv").contains(fmt)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text, json, jsonl or csv");
        }
        if (failOn != null && !failOn.equals("unverified") && !failOn.equals("dirty")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-on must be 'unverified' or 'dirty'");
        }
        // The policy, the databases and a registry the user names are read on threads of their own while
        // the packet loop starts; any of them failing still stops the run with no report and exit 2,
        // and is told as if the run had stopped before its first packet (the policy first).
        Path policyPath = policyPath();
        Background<Policy, PolicyException> policy = Background.start("policy", () -> PolicyParser.parse(policyPath));
        Background<GeoDatabases, GeoDatabaseException> databases =
                Background.start("geodb", () -> GeoDatabases.open(geodb).withSearchTablesFilled());
        // The shipped tables are read on a judging thread when the first MAC that can name its maker needs them.
        Background<OuiRegistry, IOException> userRegistry = oui == null ? null
                : Background.start("oui", () -> OuiRegistry.load(oui.toArray(Path[]::new)));
        Lazy<Attributor> attributor = new Lazy<>(() -> Attributor.of(databases.join()));
        Lazy<FlowJudge> judge = new Lazy<>(() -> new FlowJudge(policy.join(), attributor.get(),
                userRegistry != null ? userRegistry::join : OuiRegistry::defaults, CoveredVendors::defaults));
        Lazy<AnalysisReport> report = new Lazy<>(() -> new AnalysisReport(policy.join(), databases.join().databases()));
        EvidenceWriter evidenceWriter = evidence == null ? null : new EvidenceWriter();

        long start = System.nanoTime();
        CaptureAnalysis.Progress bar = Progress.forStderr(flowOptions.progress);
        FlowFactsObserver facts = new FlowFactsObserver();
        CaptureAnalysis analysis;
        boolean perFlow = fmt.equals("jsonl") || fmt.equals("csv");
        try (AtomicOutput out = AtomicOutput.open(output, spec.commandLine().getOut())) {
            JudgedFlowWriter lines = perFlow ? new JudgedFlowWriter(out.writer(), fmt.equals("csv")) : null;
            // Judging and formatting run on several threads; the report and the output take the
            // judged flows one at a time, in the order the flows ended.
            // Without per-flow lines the judged flow goes straight to the report, not in a pair.
            Consumer<FlowJudge.JudgedFlow> commit = j -> {
                report.get().add(j);
                if (evidenceWriter != null && j.verdict().status() == Verdict.Status.DIRTY) {
                    evidenceWriter.addDirty(j.flow());
                }
            };
            try (AsyncSink<FlowRecord> sink = lines == null
                    ? AsyncSink.ordered("flow-judge", AsyncSink.defaultThreads(),
                            r -> judge.get().judge(r, namesOf(r)), commit)
                    : AsyncSink.ordered("flow-judge", AsyncSink.defaultThreads(), r -> {
                        FlowJudge.JudgedFlow j = judge.get().judge(r, namesOf(r));
                        return new JudgedLine(j, lines.line(j));
                    }, judged -> {
                        commit.accept(judged.flow());
                        lines.write(judged.line());
                    })) {
                running = analysis = new CaptureAnalysis(flowOptions.settings(), sink, bar);
                analysis.setObserver(facts);
                for (String f : files) {
                    analysis.read(f);
                }
                analysis.finish();
            } catch (RuntimeException e) {
                // A set-up failure reaches the loop through the judging threads; and it is told first
                // when the run failed on its own too, as if the run had not started.
                Progress.done(bar);
                if (!setUp(policy, databases, userRegistry, err)) {
                    return Main.EXIT_ERROR;
                }
                throw e;
            }
            Progress.done(bar);
            if (!setUp(policy, databases, userRegistry, err)) {
                return Main.EXIT_ERROR;
            }
            for (Neighbor n : facts.neighbors()) {
                report.get().addDevice(n, judge.get().judge(n));
            }
            if (fmt.equals("text")) {
                out.writer().write(report.get().toText(analysis.counts()));
            } else if (fmt.equals("json")) {
                Map<String, Object> summary = report.get().toMap(analysis.counts(), analysis.flowCounters(), files);
                summary.put("attribution_cache", RunSummary.cache(attributor.get().stats()));
                out.writer().write(RunSummary.json(summary));
            }
            out.commit();
        }
        var counts = analysis.counts();
        for (String e : counts.errors()) {
            err.println("cleanpath: " + e);
        }
        if (perFlow && !quiet) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            err.print(RunSummary.text(counts, analysis.flowCounters(), report.get().flows(), elapsed));
            err.print(RunSummary.cacheText(attributor.get().stats()));
            err.println("verdict: " + report.get().verdict().key());
        }
        if (evidenceWriter != null) {
            long[] skipped = new long[1];
            long n = evidenceWriter.write(files, evidence, skipped);
            err.printf("evidence: %,d packets of %,d dirty flows written to %s%s%n", n, evidenceWriter.flows(), evidence,
                    skipped[0] > 0 ? String.format(" (%,d packets of another link type left out)", skipped[0]) : "");
        }
        err.flush();
        if (counts.inputDamaged()) {
            return Main.EXIT_ERROR;
        }
        Verdict.Status v = report.get().verdict();
        if (v == Verdict.Status.DIRTY || (v == Verdict.Status.UNVERIFIED && "unverified".equals(failOn))) {
            return Main.EXIT_DIRTY;
        }
        return Main.EXIT_CLEAN;
    }

    /**
     * Whether the set-up read in the background succeeded. A broken policy is told problem by problem
     * and makes this false; a database or registry that cannot be read throws its own error.
     */
    private static boolean setUp(Background<Policy, PolicyException> policy,
            Background<GeoDatabases, GeoDatabaseException> databases,
            Background<OuiRegistry, IOException> userRegistry, PrintWriter err) throws IOException {
        try {
            policy.get();
        } catch (PolicyException e) {
            e.problems().forEach(p -> err.println("cleanpath: policy: " + p));
            err.println("cleanpath: refusing to analyze with a broken policy");
            err.flush();
            return false;
        }
        databases.get();
        if (userRegistry != null) {
            userRegistry.get();
        }
        return true;
    }

    /** A judged flow and its output line. */
    private record JudgedLine(FlowJudge.JudgedFlow flow, String line) {}

    private static FlowJudge.FlowNamesSeen namesOf(FlowRecord r) {
        if (r.attachment() instanceof FlowFactsObserver.NamesState s) {
            return new FlowJudge.FlowNamesSeen(s.observed(), s.respDnsNames(), s.origDnsNames());
        }
        return FlowJudge.FlowNamesSeen.NONE;
    }

    private Path policyPath() {
        if (policyFile != null) {
            return policyFile;
        }
        Path dir = geodb != null && Files.isDirectory(geodb) ? geodb
                : GeoDatabases.defaultDirectory().orElse(Path.of(GeoDatabases.DEFAULT_DIRECTORY));
        return dir.resolve("trust").resolve("clean-network.yaml");
    }
}
