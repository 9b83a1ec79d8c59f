package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
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

/**
 * What the names stage costs per packet: a packet of a flow already decided (most packets), and
 * the one-off parses (TLS ClientHello, HTTP request, DNS response, QUIC Initial).
 *
 * <p>Run: {@code mvn -q test-compile} then
 * {@code java -cp target/test-classes:target/classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) org.openjdk.jmh.Main FlowNamesBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FlowNamesBenchmark {
    private final FlowNames names = new FlowNames(new NameCache());
    private final ByteBuffer hello = ByteBuffer.wrap(Samples.TLS13_CLIENT_HELLO);
    private final ByteBuffer http = ByteBuffer.wrap(Samples.HTTP_GET_WIKIPEDIA);
    private final ByteBuffer dns = ByteBuffer.wrap(Samples.DNS_CNAME_AND_A);
    private final ByteBuffer quic = ByteBuffer.wrap(QuicInitialTest.RFC9001_CLIENT_INITIAL);
    private FlowNames.State decided;
    private long time = 1_700_000_000_000_000_000L;

    @Setup
    public void decideOneFlow() {
        decided = new FlowNames.State();
        names.onPacket(decided, FlowNames.TCP, 40000, 443, true, 1, 0x18, hello, 0, hello.limit(), time);
    }

    @Benchmark
    public boolean packetOfDecidedFlow() {
        names.onPacket(decided, FlowNames.TCP, 40000, 443, true, 1, 0x18, hello, 0, hello.limit(), ++time);
        return decided.done();
    }

    @Benchmark
    public Object tlsClientHello() {
        return TlsClientHello.fromRecords(hello, 0, hello.limit());
    }

    @Benchmark
    public Object httpHost() {
        return HttpHost.parse(http, 0, http.limit());
    }

    @Benchmark
    public Object dnsResponse() {
        return DnsMessages.parse(dns, 0, dns.limit());
    }

    @Benchmark
    public Object quicInitial() {
        return QuicInitial.clientHello(quic, 0, quic.limit());
    }
}
