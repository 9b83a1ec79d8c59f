package org.cleanpath.capture;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Walks every frame of the benchmark captures: the reader's per-packet cost, nothing else.
 *
 * <p>Generate the captures outside the repository first, then point {@code cleanpath.bench.dir}
 * at their folder:
 *
 * <pre>
 * python3 gen_pcap.py -n 2000000 -f 100000 -o DIR/t2m.pcap
 * python3 gen_pcap.py -n 2000000 -f 100000 --format pcapng -o DIR/t2m.pcapng
 * mvn -q test-compile
 * java -cp target/test-classes:target/classes:DEPS -Dcleanpath.bench.dir=DIR org.cleanpath.capture.ReaderBenchmark
 * </pre>
 *
 * The "packets" row is frames per second; "quick" as the first argument times plain passes
 * instead of running JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ReaderBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"t2m.pcap", "t2m.pcapng"})
    public String file;

    private String path;

    /** Frames walked, reported by JMH as a rate next to the passes per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Packets {
        public long packets;

        @Setup(Level.Iteration)
        public void reset() {
            packets = 0;
        }
    }

    @Setup
    public void locate() {
        path = benchFile(file).toString();
    }

    @Benchmark
    public long walkAllFrames(Packets counter) throws IOException {
        long n = walk(path);
        counter.packets += n;
        return n;
    }

    /** Reads every frame and touches its length, so nothing can be optimised away. */
    static long walk(String path) throws IOException {
        long frames = 0;
        long bytes = 0;
        try (CaptureReader reader = CaptureFiles.open(path)) {
            Frame frame = new Frame();
            while (reader.next(frame)) {
                frames++;
                bytes += frame.capturedLength;
            }
        }
        return frames + (bytes & 1);
    }

    static Path benchFile(String name) {
        Path dir = Path.of(System.getProperty("cleanpath.bench.dir", "."));
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: generate it with gen_pcap.py and set -Dcleanpath.bench.dir");
        }
        return file;
    }

    public static void main(String[] args) throws RunnerException, IOException {
        String dir = System.getProperty("cleanpath.bench.dir", ".");
        if (args.length > 0 && args[0].equals("quick")) {
            for (String name : new String[] {"t2m.pcap", "t2m.pcapng"}) {
                String path = benchFile(name).toString();
                for (int pass = 0; pass < 8; pass++) {
                    long start = System.nanoTime();
                    long startCpu = THREADS.getCurrentThreadCpuTime();
                    long frames = walk(path);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e9;
                    // on a shared machine the CPU-time rate is the steadier of the two
                    System.out.printf("%s pass %d: %d frames in %.3f s = %.2f M frames/s (%.2f M per CPU second)%n",
                            name, pass, frames, seconds, frames / seconds / 1e6, frames / cpuSeconds / 1e6);
                }
            }
            return;
        }
        new Runner(new OptionsBuilder()
                .include(ReaderBenchmark.class.getName())
                .jvmArgsAppend("-Dcleanpath.bench.dir=" + dir)
                .build()).run();
    }
}
