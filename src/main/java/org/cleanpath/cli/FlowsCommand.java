package org.cleanpath.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.cleanpath.attribute.Attributor;
import org.cleanpath.attribute.GeoDatabaseException;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.flow.CaptureAnalysis;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.report.AsyncSink;
import org.cleanpath.report.FlowFields;
import org.cleanpath.flow.FlowSettings;
import org.cleanpath.report.AtomicOutput;
import org.cleanpath.report.FlowWriter;
import org.cleanpath.report.Progress;
import org.cleanpath.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleanpath flows}: one record per bidirectional flow, Zeek conn.log style. */
@Command(name = "flows", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "List the bidirectional flows in capture files (pcap, pcapng, optionally gzipped).",
            "A summary accounting for every packet goes to stderr (or --summary-json).",
            "Exit status: 0 ok, 2 error or damaged input (the flows before the damage are still reported)."})
final class FlowsCommand extends StoppableCommand {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files; - reads standard input.")
    List<String> files;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "jsonl, csv or table (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write flows to OUT (written under a temporary name, renamed when complete).")
    String output;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the run summary as JSON to FILE.")
    Path summaryJson;

    @picocli.CommandLine.Mixin
    FlowOptions flowOptions;

    @Option(names = "--geodb", paramLabel = "DIR",
            description = "MaxMind-format databases (a directory or one .mmdb) for the endpoint attribution columns"
                    + " (default: the embedded geodb/).")
    Path geodb;

    @Option(names = "--no-attribution", description = "Leave out the ASN/organization/country columns.")
    boolean noAttribution;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stderr.")
    boolean quiet;

    @Override
    int run() throws IOException {
        FlowWriter.Format fmt;
        try {
            fmt = FlowWriter.parseFormat(format);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be jsonl, csv or table, not '" + format + "'");
        }
        FlowSettings settings = flowOptions.settings();
        long start = System.nanoTime();
        AtomicLong reported = new AtomicLong();
        CaptureAnalysis.Progress bar = Progress.forStderr(flowOptions.progress);
        CaptureAnalysis analysis;
        // The databases open on a thread of their own while the packet loop starts (see Background).
        Background<GeoDatabases, GeoDatabaseException> databases = noAttribution ? null
                : Background.start("geodb", () -> GeoDatabases.open(geodb).withSearchTablesFilled());
        Lazy<Attributor> attributor = noAttribution ? null : new Lazy<>(() -> Attributor.of(databases.join()));
        Function<FlowRecord, FlowFields.Endpoints> attribution = attributor == null
                ? r -> FlowFields.Endpoints.NONE
                : r -> FlowFields.Endpoints.of(r, attributor.get());
        try (AtomicOutput out = AtomicOutput.open(output, spec.commandLine().getOut())) {
            FlowWriter writer = FlowWriter.create(fmt, out.writer(), attribution);
            try (AsyncSink<FlowRecord> sink = AsyncSink.ordered("flow-writer", AsyncSink.defaultThreads(),
                    writer::line, writer::write)) {
                running = analysis = new CaptureAnalysis(settings, r -> {
                    sink.accept(r);
                    reported.incrementAndGet();
                }, bar);
                for (String f : files) {
                    analysis.read(f);
                }
                analysis.finish();
            } finally {
                // A database that cannot be opened reaches the loop through the writing threads; its
                // error replaces the run's own, as if the run had not started.
                if (databases != null) {
                    databases.get();
                }
            }
            out.commit();
        }
        Progress.done(bar);
        double elapsed = (System.nanoTime() - start) / 1e9;
        var counts = analysis.counts();
        for (String e : counts.errors()) {
            spec.commandLine().getErr().println("cleanpath: " + e);
        }
        if (!quiet) {
            spec.commandLine().getErr().print(RunSummary.text(counts, analysis.flowCounters(), reported.get(), elapsed));
            if (attributor != null) spec.commandLine().getErr().print(RunSummary.cacheText(attributor.get().stats()));
        }
        if (summaryJson != null) {
            Map<String, Object> summary = RunSummary.of(files, counts, analysis.flowCounters(), reported.get(), elapsed);
            if (attributor != null) summary.put("attribution_cache", RunSummary.cache(attributor.get().stats()));
            Files.writeString(summaryJson, RunSummary.json(summary), StandardCharsets.UTF_8);
        }
        spec.commandLine().getErr().flush();
        return counts.inputDamaged() ? Main.EXIT_ERROR : Main.EXIT_CLEAN;
    }
}
