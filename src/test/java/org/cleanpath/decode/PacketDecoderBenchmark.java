package org.cleanpath.decode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.cleanpath.capture.Frame;
import org.cleanpath.capture.LinkType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;

/**
 * Nanoseconds per frame for the hand-written decoders against pcap4j's object-per-header parser on
 * the same frames: the measurement behind decoding by offset on the hot path.
 *
 * <p>Run: {@code java -cp <test classpath> org.openjdk.jmh.Main PacketDecoderBenchmark}, or
 * {@link #main} for a quick timing loop without JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketDecoderBenchmark {
    /** Representative Ethernet frames: plain TCP, VLAN TCP, QinQ GTP-U IPv6, VXLAN, GTP-U with QFI. */
    private static final String[] ETHERNET_FRAMES = {
        CorpusFrames.SCTP, CorpusFrames.VLAN_TCP, CorpusFrames.QINQ_GTP_IPV6, CorpusFrames.VXLAN_TCP,
        CorpusFrames.N3_GTP_QFI, CorpusFrames.IPV6_DSTOPTS_UDP, CorpusFrames.ICMP_TIME_EXCEEDED,
        CorpusFrames.QINQINQ_TCP
    };

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private Frame[] frames;
    private byte[][] raw;

    @Setup
    public void setUp() {
        frames = new Frame[ETHERNET_FRAMES.length];
        raw = new byte[ETHERNET_FRAMES.length][];
        for (int i = 0; i < frames.length; i++) {
            raw[i] = TestFrames.bytes(ETHERNET_FRAMES[i]);
            Frame f = new Frame();
            f.buffer = ByteBuffer.wrap(raw[i]);
            f.capturedLength = raw[i].length;
            f.originalLength = raw[i].length;
            f.linkType = LinkType.ETHERNET;
            frames[i] = f;
        }
    }

    /** Decodes all representative frames once; divide by {@link #frameCount()} for ns/frame. */
    @Benchmark
    public int decodeAll() {
        int sum = 0;
        for (Frame f : frames) {
            decoder.decode(f, packet);
            sum += packet.ipCount + packet.innermost().dstPort;
        }
        return sum;
    }

    @Benchmark
    public void pcap4jAll(Blackhole bh) throws IllegalRawDataException {
        for (byte[] b : raw) {
            bh.consume(EthernetPacket.newPacket(b, 0, b.length));
        }
    }

    int frameCount() {
        return frames.length;
    }

    /**
     * Quick timing loop: prints ns per frame for both decoders, in thread CPU time (what a shared,
     * busy machine distorts least) and wall time.
     */
    public static void main(String[] args) throws IllegalRawDataException {
        PacketDecoderBenchmark b = new PacketDecoderBenchmark();
        b.setUp();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        long sink = time(b, rounds / 4, false)[2];
        long[] own = time(b, rounds, false);
        time(b, rounds / 200, true);
        long[] pcap4j = time(b, rounds / 50, true);
        System.out.printf("PacketDecoder: %.1f ns/frame CPU, %.1f wall; pcap4j: %.1f ns/frame CPU, %.1f wall (%d)%n",
                own[0] / (double) rounds / b.frameCount(), own[1] / (double) rounds / b.frameCount(),
                pcap4j[0] / (double) (rounds / 50) / b.frameCount(), pcap4j[1] / (double) (rounds / 50) / b.frameCount(),
                sink + own[2] + pcap4j[2]);
    }

    /** Runs {@code rounds} passes over the frames: {CPU ns, wall ns, checksum}. */
    private static long[] time(PacketDecoderBenchmark b, int rounds, boolean pcap4j) throws IllegalRawDataException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            if (pcap4j) {
                for (byte[] r : b.raw) {
                    sink += EthernetPacket.newPacket(r, 0, r.length).length();
                }
            } else {
                sink += b.decodeAll();
            }
        }
        return new long[] {threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall, sink};
    }
}
