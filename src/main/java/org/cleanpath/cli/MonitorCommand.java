package org.cleanpath.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cleanpath.attribute.Attributor;
import org.cleanpath.attribute.FlowFactsObserver;
import org.cleanpath.attribute.GeoDatabase;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.attribute.vendor.CoveredVendors;
import org.cleanpath.attribute.vendor.Neighbor;
import org.cleanpath.attribute.vendor.OuiRegistry;
import org.cleanpath.capture.live.CaptureStats;
import org.cleanpath.capture.live.FrameSource;
import org.cleanpath.capture.live.LiveCapture;
import org.cleanpath.capture.live.LiveOptions;
import org.cleanpath.capture.live.ReplaySource;
import org.cleanpath.capture.live.WatchSource;
import org.cleanpath.flow.CaptureAnalysis;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.policy.FlowJudge;
import org.cleanpath.policy.Policy;
import org.cleanpath.policy.PolicyException;
import org.cleanpath.policy.PolicyParser;
import org.cleanpath.policy.Verdict;
import org.cleanpath.report.AsyncSink;
import org.cleanpath.report.RunSummary;
import org.cleanpath.server.Metrics;
import org.cleanpath.server.MonitorState;
import org.cleanpath.server.ServerConfig;
import org.cleanpath.server.StatusServer;
import org.cleanpath.server.StatusSnapshot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cleanpath monitor}: the same decode, flow, attribution and policy pipeline as {@code
 * analyze}, fed continuously (live interface, replayed file or a directory of rotated captures), with
 * the verdict served over HTTP for monitoring systems.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Watch traffic continuously and serve the verdict: GET /status, /check, /flows, /metrics, /healthz",
            "and a dashboard at /. Policy and databases are reloaded when their files change or on SIGHUP.",
            "SIGTERM/SIGINT: flows are flushed, a final summary is written, exit 0."})
final class MonitorCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Source {
        @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "Capture live on this interface (libpcap).")
        String iface;

        @Option(names = "--replay", paramLabel = "FILE", description = "Feed a capture file at its own pace through the live path.")
        String replay;

        @Option(names = "--watch", paramLabel = "DIR", description = "Follow a directory of rotated capture files (tcpdump -G/-C -w).")
        Path watch;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "tcpdump-syntax capture filter (live only).")
    String filter;

    @Option(names = "--snaplen", defaultValue = "262144", description = "Bytes kept per frame (default: ${DEFAULT-VALUE}).")
    int snaplen;

    @Option(names = "--promisc", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Promiscuous mode (default: on).")
    boolean promiscuous;

    @Option(names = "--buffer-size", defaultValue = "0", paramLabel = "BYTES", description = "Kernel capture buffer in bytes (default: 64 MiB).")
    int bufferSize;

    @Option(names = "--immediate", description = "Deliver each frame at once instead of in batches.")
    boolean immediate;

    @Option(names = "--speed", defaultValue = "1", description = "Replay speed: 1, 10, ... or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9750", paramLabel = "HOST:PORT",
            description = "Where the status server listens (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--window", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Sliding window of the /check verdict (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--policy", paramLabel = "FILE", description = "Trust table (default: geodb/trust/clean-network.yaml).")
    Path policyFile;

    @Option(names = "--geodb", paramLabel = "DIR", description = "MaxMind-format databases (default: the embedded geodb/).")
    Path geodb;

    @Option(names = "--oui", paramLabel = "FILE", arity = "1..*", description = "IEEE registry files instead of the shipped subset.")
    List<Path> oui;

    @Option(names = "--max-connections", defaultValue = "1024", paramLabel = "N",
            description = "Open HTTP connections the status server accepts; more are closed (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Close HTTP connections idle this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require 'Authorization: Bearer <token>' on every endpoint.")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate (needs --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 private key for --tls-cert.")
    Path tlsKey;

    @Option(names = "--exit-when-done", description = "With --replay or --watch: exit once the input is used up"
            + " instead of serving the result until stopped.")
    boolean exitWhenDone;

    @Mixin
    FlowOptions flowOptions;

    private final AtomicReference<FlowJudge> judge = new AtomicReference<>();
    private volatile String reloadError;
    private volatile Instant lastReload;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            System.exit(monitor(err));
        } catch (IOException | RuntimeException e) {
            err.println("cleanpath: " + e.getMessage());
            err.flush();
            System.exit(Main.EXIT_ERROR);
        }
    }

    int monitor(PrintWriter err) throws IOException {
        Path policyPath = policyFile != null ? policyFile : GeoDatabases.defaultDirectory()
                .orElse(Path.of(GeoDatabases.DEFAULT_DIRECTORY)).resolve("trust").resolve("clean-network.yaml");
        GeoDatabases databases = GeoDatabases.open(geodb);
        OuiRegistry registry = oui == null ? OuiRegistry.defaults() : OuiRegistry.load(oui.toArray(Path[]::new));
        // A monitor runs for days on a working set of addresses that repeats: there the Caffeine tier
        // behind the front table pays (8.9 M vs 3.3 M lookups/s warm, bench/attribution.md), unlike in
        // a two-second offline run.
        Attributor attributor = Attributor.withCaffeine(databases, Attributor.DEFAULT_CACHE_SIZE);
        Policy policy;
        try {
            policy = PolicyParser.parse(policyPath);
        } catch (PolicyException e) {
            e.problems().forEach(p -> err.println("cleanpath: policy: " + p));
            err.println("cleanpath: refusing to monitor with a broken policy");
            err.flush();
            return Main.EXIT_ERROR;
        }
        CoveredVendors covered = CoveredVendors.defaults();
        judge.set(new FlowJudge(policy, attributor, registry, covered));

        FrameSource frames = openSource(err);
        Metrics metrics = new Metrics();
        MonitorState state = new MonitorState(window, Instant.now());
        FlowFactsObserver facts = new FlowFactsObserver();
        AsyncSink<FlowRecord> judging = new AsyncSink<>("flow-judge", r -> {
            Object names = r.attachment();
            FlowJudge.JudgedFlow j = judge.get().judge(r, namesOf(names));
            state.add(j, names, Instant.now());
            metrics.flowClassified(j.verdict().status(), j.verdict().ruleId(), j.bytes());
        });
        CaptureAnalysis analysis = new CaptureAnalysis(flowOptions.settings(), judging, CaptureAnalysis.Progress.NONE);
        analysis.setObserver(facts);

        AtomicReference<StatusSnapshot.CaptureState> captureState = new AtomicReference<>(StatusSnapshot.CaptureState.RUNNING);
        AtomicReference<String> captureError = new AtomicReference<>();
        AtomicReference<StatusSnapshot> current = new AtomicReference<>();
        Runnable publish = () -> {
            attributorStats.set(attributor.stats());
            current.set(snapshot(state, analysis, facts, frames, captureState.get(), captureError.get(), databases, metrics));
        };
        publish.run();

        String host = listen.substring(0, listen.lastIndexOf(':'));
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        ServerConfig.Builder cfg = ServerConfig.builder().host(host).port(port)
                .maxConnections(maxConnections).idleTimeout(idleTimeout);
        if (tokenFile != null) {
            cfg.tokenFile(tokenFile);
        }
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            cfg.tls(tlsCert, tlsKey);
        }
        StatusServer server;
        try {
            server = StatusServer.start(cfg.build(), current::get, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the status server", e);
        }
        err.printf("cleanpath: monitoring %s; status on %s://%s:%d/%n", frames.describe(),
                tlsCert != null ? "https" : "http", host, server.port());
        err.flush();

        CountDownLatch done = new CountDownLatch(1);
        Thread captureThread = new Thread(() -> {
            try {
                frames.run(f -> {
                    synchronized (analysis) {
                        analysis.process(f);
                    }
                });
                captureState.set(StatusSnapshot.CaptureState.STOPPED);
            } catch (IOException | RuntimeException e) {
                captureError.set(e.getMessage());
                captureState.set(StatusSnapshot.CaptureState.FAILED);
            } finally {
                done.countDown();
            }
        }, "capture");
        captureThread.start();

        // SIGTERM/SIGINT: stop the source, let the main thread flush flows and write the summary,
        // then exit 0 (a clean stop is not an error for a service manager).
        CountDownLatch finished = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            frames.stop();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.close();
            Runtime.getRuntime().halt(Main.EXIT_CLEAN);
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        installReloadSignal();

        // The clock: live flows end on idle timeouts even when no packet arrives; finished flows
        // reach the judge; policy reloads; snapshots. It keeps running after a replay or watch is
        // used up, so the result stays served (and reloadable) until the process is stopped.
        long policyMtime = mtime(policyPath);
        boolean live = source.iface != null;
        boolean flushed = false;
        while (true) {
            boolean captureDone = awaitSecond(done);
            synchronized (analysis) {
                if (live) {
                    analysis.advanceTo(System.currentTimeMillis() * 1_000_000L);
                }
                if (!flushed) {
                    judging.flush();
                }
            }
            if (captureDone && !flushed) {
                flushed = true;
                synchronized (analysis) {
                    analysis.finish();
                }
                judging.close();
                publish.run();
                StatusSnapshot last = current.get();
                err.print(RunSummary.text(analysis.counts(), analysis.flowCounters(), last.counts().flows(), 0));
                err.println("verdict: " + last.totalVerdict().key() + " (window: " + last.windowVerdict().key() + ")");
                err.flush();
                finished.countDown();
                if (live || exitWhenDone || captureState.get() == StatusSnapshot.CaptureState.FAILED) {
                    break;
                }
            }
            long m = mtime(policyPath);
            if (m != policyMtime || reloadRequested) {
                reloadRequested = false;
                policyMtime = m;
                reload(policyPath, attributor, registry, covered, state, metrics, err);
            }
            publish.run();
        }
        server.close();
        frames.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            // already on the way out
        }
        return captureState.get() == StatusSnapshot.CaptureState.FAILED ? Main.EXIT_ERROR : Main.EXIT_CLEAN;
    }

    private volatile boolean reloadRequested;

    @SuppressWarnings("removal")
    private void installReloadSignal() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> reloadRequested = true);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGHUP on this platform: file changes still reload
        }
    }

    private void reload(Path policyPath, Attributor attributor, OuiRegistry registry, CoveredVendors covered,
                        MonitorState state, Metrics metrics, PrintWriter err) {
        lastReload = Instant.now();
        try {
            Policy p = PolicyParser.parse(policyPath);
            FlowJudge next = new FlowJudge(p, attributor, registry, covered);
            judge.set(next);
            state.rejudgeWindow(e -> next.judge(e.judged().flow(), namesOf(e.names())));
            reloadError = null;
            metrics.policyReload(true);
            err.println("cleanpath: policy reloaded: " + p.version());
        } catch (PolicyException e) {
            reloadError = e.getMessage();
            metrics.policyReload(false);
            err.println("cleanpath: policy reload failed, keeping " + judge.get().policy().version() + ": " + e.getMessage());
        }
        err.flush();
    }

    private StatusSnapshot snapshot(MonitorState state, CaptureAnalysis analysis, FlowFactsObserver facts,
                                    FrameSource frames, StatusSnapshot.CaptureState captureState, String captureError,
                                    GeoDatabases databases, Metrics metrics) {
        CaptureStats stats = frames.stats();
        var counts = analysis.counts();
        long lastNanos = counts.lastNanos();
        Instant lastPacket = lastNanos < 0 ? null : Instant.ofEpochSecond(0, lastNanos);
        metrics.captureStats(Math.max(0, stats.droppedByKernel()), Math.max(0, stats.droppedByInterface()));
        if (lastPacket != null) {
            metrics.lastPacket(lastPacket);
        }
        syncPacketMetrics(metrics, counts.read(), counts.wireBytes());
        var cache = attributorStats.get();
        if (cache != null) {
            metrics.lookupCache(cache.hitCount() - metricHits, cache.missCount() - metricMisses);
            metricHits = cache.hitCount();
            metricMisses = cache.missCount();
        }
        StatusSnapshot.Capture capture = new StatusSnapshot.Capture(frames.describe(), source.iface != null, captureState,
                stats.received() < 0 ? counts.read() : stats.received(), stats.droppedByKernel(),
                stats.droppedByInterface(), lastPacket, captureError);
        Map<String, String> dbs = new LinkedHashMap<>();
        for (GeoDatabase db : databases.databases()) {
            dbs.put(db.file().getFileName().toString(), db.metadata().databaseType() + " " + db.metadata().buildTime());
        }
        FlowJudge j = judge.get();
        StatusSnapshot.Versions versions = new StatusSnapshot.Versions(j.policy().version(), dbs, lastReload, reloadError);
        List<StatusSnapshot.Violation> devices = new ArrayList<>();
        for (Neighbor n : facts.neighbors()) {
            Verdict v = j.judge(n);
            if (v.status() == Verdict.Status.DIRTY) {
                devices.add(StatusSnapshot.Violation.of(v, 0, 0, List.of()));
            }
        }
        return state.snapshot(Instant.now(), counts, capture, versions, devices);
    }

    private long metricPackets, metricBytes, metricHits, metricMisses;
    private final AtomicReference<com.github.benmanes.caffeine.cache.stats.CacheStats> attributorStats = new AtomicReference<>();

    private void syncPacketMetrics(Metrics metrics, long packets, long bytes) {
        if (packets > metricPackets) {
            metrics.packetsRead(packets - metricPackets, bytes - metricBytes);
            metricPackets = packets;
            metricBytes = bytes;
        }
    }

    private FrameSource openSource(PrintWriter err) throws IOException {
        if (source.iface != null) {
            LiveOptions.Builder b = LiveOptions.builder(source.iface).snaplen(snaplen).promiscuous(promiscuous)
                    .immediate(immediate);
            if (bufferSize > 0) {
                b.bufferSize(bufferSize); // else LiveOptions' 64 MiB: libpcap's 2 MiB drops on bursts
            }
            if (filter != null) {
                b.filter(filter);
            }
            return LiveCapture.open(b.build());
        }
        if (source.replay != null) {
            return new ReplaySource(source.replay, ReplaySource.parseSpeed(speed));
        }
        return new WatchSource(source.watch, (file, problem) -> {
            err.println("cleanpath: " + problem.getMessage());
            err.flush();
        });
    }

    private static FlowJudge.FlowNamesSeen namesOf(Object attachment) {
        if (attachment instanceof FlowFactsObserver.NamesState s) {
            return new FlowJudge.FlowNamesSeen(s.observed(), s.respDnsNames(), s.origDnsNames());
        }
        return FlowJudge.FlowNamesSeen.NONE;
    }

    private static boolean awaitSecond(CountDownLatch latch) {
        try {
            return latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() ^ Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
