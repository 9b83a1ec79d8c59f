package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parsers' promise: garbage, cut messages and mutated real messages never make them throw. */
class GarbageTest {
    private static final List<byte[]> REAL = List.of(Samples.TLS13_CLIENT_HELLO, Samples.HTTP_GET_WIKIPEDIA, Samples.DNS_CNAME_AND_A,
            Samples.DNS_AAAA, QuicInitialTest.RFC9001_CLIENT_INITIAL);

    /** Runs every parser and the facade over the range. */
    private static void parseAll(ByteBuffer b, int offset, int length) {
        DnsMessages.parse(b, offset, length).ifPresent(m -> m.addresses().forEach(m::chainTo));
        DnsMessages.parseTcp(b, offset, length);
        TlsClientHello.probe(b, offset, length);
        TlsClientHello.fromRecords(b, offset, length);
        TlsClientHello.fromHandshake(b, offset, length);
        HttpHost.parse(b, offset, length);
        QuicInitial.cryptoFrames(b, offset, length);
        FlowNames names = new FlowNames(new NameCache());
        for (int proto : new int[] {FlowNames.TCP, FlowNames.UDP}) {
            for (int port : new int[] {53, 443}) {
                FlowNames.State s = new FlowNames.State();
                names.onPacket(s, proto, 40000, port, true, 1, 0x18, b, offset, length, 1);
                names.onPacket(s, proto, 40000, port, true, 1 + Math.max(0, length / 2), 0x18, b, offset, length, 2);
            }
        }
    }

    @Test
    void everyPrefix_ofEveryRealMessage_parsesWithoutThrowing() {
        for (byte[] real : REAL) {
            for (int n = 0; n <= real.length; n++) {
                parseAll(ByteBuffer.wrap(real), 0, n);
            }
        }
    }

    @Test
    void randomBytes_andMutatedRealMessages_parseWithoutThrowing() {
        Random r = new Random(1035);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(600)];
            r.nextBytes(b);
            parseAll(ByteBuffer.wrap(b), 0, b.length);
        }
        for (byte[] real : REAL) {
            for (int i = 0; i < 300; i++) {
                byte[] m = real.clone();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                }
                parseAll(ByteBuffer.wrap(m), 0, m.length);
            }
        }
    }

    @Test
    void rangesOutsideTheBuffer_giveNothing() {
        ByteBuffer b = ByteBuffer.wrap(Samples.TLS13_CLIENT_HELLO);
        parseAll(b, -1, 10);
        parseAll(b, 10, -1);
        parseAll(b, 500, 100_000);
        parseAll(b, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }
}
