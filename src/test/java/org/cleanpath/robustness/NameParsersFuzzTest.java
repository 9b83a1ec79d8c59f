package org.cleanpath.robustness;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.cleanpath.attribute.names.DnsMessages;
import org.cleanpath.attribute.names.FlowNames;
import org.cleanpath.attribute.names.HttpHost;
import org.cleanpath.attribute.names.NameCache;
import org.cleanpath.attribute.names.QuicInitial;
import org.cleanpath.attribute.names.TlsClientHello;

/**
 * Fuzzes the name extractors (DNS, TLS ClientHello, HTTP Host, QUIC Initial and the per-flow
 * reassembly in {@link FlowNames}): they read attacker-chosen payloads and may never throw.
 */
class NameParsersFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void dns(byte[] data) {
        DnsMessages.parse(data);
        ByteBuffer buf = inside(data);
        DnsMessages.parse(buf, 3, data.length);
        DnsMessages.parseTcp(buf, 3, data.length);
    }

    @FuzzTest(maxDuration = "2m")
    void tlsClientHello(byte[] data) {
        TlsClientHello.fromRecords(data);
        ByteBuffer buf = inside(data);
        TlsClientHello.probe(buf, 3, data.length);
        TlsClientHello.fromRecords(buf, 3, data.length);
        TlsClientHello.fromHandshake(buf, 3, data.length);
    }

    @FuzzTest(maxDuration = "2m")
    void httpHost(byte[] data) {
        HttpHost.parse(data);
        ByteBuffer buf = inside(data);
        HttpHost.isRequest(buf, 3, data.length);
        HttpHost.parse(buf, 3, data.length);
    }

    /** Raw datagrams: header parsing and the key derivation up to authentication. */
    @FuzzTest(maxDuration = "2m")
    void quicInitial(byte[] data) {
        QuicInitial.clientHello(data);
        ByteBuffer buf = inside(data);
        QuicInitial.looksLikeInitial(buf, 3, data.length);
        QuicInitial.cryptoFrames(buf, 3, data.length);
    }

    /**
     * A flow's payloads one after another through {@link FlowNames}, which picks a parser by port
     * and first bytes and reassembles TCP streams and QUIC CRYPTO data across packets.
     */
    @FuzzTest(maxDuration = "2m")
    void flowNames(FuzzedDataProvider in) {
        FlowNames names = new FlowNames(new NameCache());
        FlowNames.State state = new FlowNames.State();
        int protocol = in.consumeBoolean() ? FlowNames.TCP : FlowNames.UDP;
        int[] ports = {53, 5353, 443, 80, 8080, in.consumeInt(0, 65535)};
        int srcPort = in.pickValue(ports);
        int dstPort = in.pickValue(ports);
        long seq = in.consumeLong();
        long time = 0;
        while (in.remainingBytes() > 0) {
            boolean fromOriginator = in.consumeBoolean();
            int flags = in.consumeInt(0, 0xff);
            seq += in.consumeInt(-2000, 2000);
            time += in.consumeLong(0, 10_000_000_000L);
            byte[] payload = in.consumeBytes(in.consumeInt(0, 1500));
            ByteBuffer buf = inside(payload);
            names.onPacket(state, protocol, srcPort, dstPort, fromOriginator, seq & 0xffff_ffffL, flags,
                    buf, 3, payload.length, time);
        }
        state.names();
        state.alpn();
    }

    /** {@code data} at offset 3 of a buffer with bytes after it, as payloads sit inside frames. */
    static ByteBuffer inside(byte[] data) {
        byte[] b = new byte[data.length + 7];
        System.arraycopy(data, 0, b, 3, data.length);
        return ByteBuffer.wrap(b, 0, 3 + data.length).slice();
    }
}
