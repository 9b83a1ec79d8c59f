package org.cleanpath.attribute;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Lookups per second on the embedded geodb/: uncached, through {@link Attributor}'s front table (as
 * flows and analyze attribute), and through the front table plus its Caffeine cache, on a skewed workload: 100,000 distinct public addresses (80% IPv4, 20% IPv6
 * from real ranges) drawn with Zipf(1.0) popularity, as hosts in a capture are.
 *
 * <p>Run: see bench/attribution.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LookupBenchmark {
    private static final int DISTINCT = 100_000;
    private static final int DRAWS = 1 << 20;

    @Param({"10000", "100000"})
    public int cacheSize;

    private GeoDatabases databases;
    private Attributor attributor;
    private Attributor caffeine;
    private IpAddress[] workload;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        databases = GeoDatabases.open(null);
        attributor = Attributor.of(databases, cacheSize);
        caffeine = Attributor.withCaffeine(databases, cacheSize);
        Random random = new Random(42);
        IpAddress[] distinct = distinctAddresses(random);
        // Zipf(1.0): rank k is drawn with probability proportional to 1/k.
        double[] cdf = new double[DISTINCT];
        double sum = 0;
        for (int k = 0; k < DISTINCT; k++) cdf[k] = sum += 1.0 / (k + 1);
        workload = new IpAddress[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            int rank = Arrays.binarySearch(cdf, random.nextDouble() * sum);
            workload[i] = distinct[rank < 0 ? -rank - 1 : rank];
        }
    }

    private static IpAddress[] distinctAddresses(Random random) throws IOException, URISyntaxException {
        List<RangeCsv.Row> v6Rows = new ArrayList<>();
        RangeCsv.read(Path.of(LookupBenchmark.class.getResource("sample/asn-ipv6.csv").toURI()), v6Rows::add);
        Set<IpAddress> set = new HashSet<>();
        while (set.size() < DISTINCT) {
            IpAddress a;
            if (random.nextInt(5) > 0) {
                a = IpAddress.ofIpv4(random.nextInt() & 0xFFFF_FFFFL);
            } else {
                RangeCsv.Row row = v6Rows.get(random.nextInt(v6Rows.size()));
                BigInteger span = row.end().subtract(row.start()).add(BigInteger.ONE);
                a = IpAddress.of(row.start().add(new BigInteger(span.bitLength() + 8, random).mod(span)));
            }
            if (AddressClass.of(a).isPublic()) set.add(a);
        }
        List<IpAddress> list = new ArrayList<>(set);
        Collections.shuffle(list, random);
        return list.toArray(IpAddress[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%n  front table: hit rate %.3f; with Caffeine (%d): hit rate %.3f (%d hits, %d misses)%n",
                attributor.stats().hitRate(), cacheSize, caffeine.stats().hitRate(), caffeine.stats().hitCount(),
                caffeine.stats().missCount());
        databases.close();
    }

    private IpAddress nextAddress() {
        IpAddress a = workload[next];
        next = (next + 1) & (DRAWS - 1);
        return a;
    }

    @Benchmark
    public Attribution uncached() {
        return databases.lookup(nextAddress());
    }

    /** The front table, then the databases: what flows and analyze use on the embedded geodb/. */
    @Benchmark
    public Attribution frontTable() {
        IpAddress a = nextAddress();
        return attributor.attribute(a.hi(), a.lo());
    }

    /** The front table, then Caffeine, then the databases: what a database read by MaxMind's readers gets. */
    @Benchmark
    public Attribution cached() {
        IpAddress a = nextAddress();
        return caffeine.attribute(a.hi(), a.lo());
    }
}
