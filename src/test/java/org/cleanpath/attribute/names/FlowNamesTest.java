package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Packet;
import org.junit.jupiter.api.Test;

class FlowNamesTest {
    private static final long T0 = 1_300_475_168_000_000_000L;
    private static final int SYN = 0x02;
    private static final int PSH_ACK = 0x18;

    private final NameCache cache = new NameCache(new PacketTicker(), 1000, Duration.ZERO, Duration.ofDays(1));
    private final FlowNames names = new FlowNames(cache);

    private void tcp(FlowNames.State s, boolean orig, long seq, int flags, byte[] payload, int from, int to) {
        names.onPacket(s, FlowNames.TCP, orig ? 40000 : 443, orig ? 443 : 40000, orig, seq + from, flags, ByteBuffer.wrap(payload), from,
                to - from, T0);
    }

    @Test
    void tlsFlow_reportsSniAndAlpn_thenIsDone() {
        FlowNames.State s = new FlowNames.State();
        tcp(s, true, 1000, SYN, new byte[0], 0, 0);
        byte[] hello = Samples.TLS13_CLIENT_HELLO;
        tcp(s, true, 1001, PSH_ACK, hello, 0, 300);
        assertFalse(s.done());
        tcp(s, false, 5000, PSH_ACK, new byte[] {22, 3, 3, 0, 10}, 0, 5); // server bytes are not looked at
        tcp(s, true, 1001, PSH_ACK, hello, 300, hello.length);
        assertTrue(s.done());
        assertEquals(Optional.of("www.google.com"), s.names().sni());
        assertEquals(Optional.of("www.google.com"), s.names().best());
        assertEquals(List.of("h2", "http/1.1"), s.alpn());
    }

    @Test
    void clientHello_afterPlaintext_asWithStarttls_isStillRead() {
        FlowNames.State s = new FlowNames.State();
        tcp(s, true, 1000, SYN, new byte[0], 0, 0);
        byte[] starttls = "STARTTLS\r\n".getBytes();
        tcp(s, true, 1001, PSH_ACK, starttls, 0, starttls.length);
        tcp(s, true, 1001 + starttls.length, PSH_ACK, Samples.TLS13_CLIENT_HELLO, 0, Samples.TLS13_CLIENT_HELLO.length);
        assertEquals(Optional.of("www.google.com"), s.names().sni());
    }

    /**
     * The observer keeps a flow's state as a long while it holds counters only, and gives it an
     * object when a message begins: packed into a long and unpacked into another state after every
     * packet, a flow must find what it finds when it keeps one state.
     */
    @Test
    void stateRepackedAfterEveryPacket_findsTheSameNames() {
        FlowNames.State s = new FlowNames.State();
        s = repacked(s, true, 1000, SYN, new byte[0], 0, 0); // the SYN places the stream's start
        byte[] hello = Samples.TLS13_CLIENT_HELLO;
        s = repacked(s, true, 1001, PSH_ACK, hello, 0, 300); // the first segment begins a message
        assertFalse(s.packable());
        s = repacked(s, true, 1001, PSH_ACK, hello, 300, hello.length);
        assertTrue(s.done());
        assertEquals(Optional.of("www.google.com"), s.names().sni());

        FlowNames.State quiet = new FlowNames.State();
        byte[] junk = "SSH-2.0-OpenSSH_9.6\r\n".getBytes();
        for (int i = 0; i <= FlowNames.MAX_LOOKS; i++) {
            assertFalse(quiet.done());
            assertTrue(quiet.packable());
            quiet = repacked(quiet, true, 1 + i * junk.length, PSH_ACK, junk, 0, junk.length);
        }
        assertTrue(quiet.done());
        assertTrue(quiet.packable());
        assertSame(ObservedNames.NONE, quiet.names());
    }

    /** One packet, then the state through a long and back when it is packable, as the observer does. */
    private FlowNames.State repacked(FlowNames.State s, boolean orig, long seq, int flags, byte[] payload, int from, int to) {
        tcp(s, orig, seq, flags, payload, from, to);
        if (!s.packable()) {
            return s;
        }
        long packed = s.packed();
        assertTrue(packed != 0);
        FlowNames.State other = new FlowNames.State();
        other.unpack(packed);
        assertEquals(packed, other.packed());
        return other;
    }

    @Test
    void httpFlow_reportsHost() {
        FlowNames.State s = new FlowNames.State();
        names.onPacket(s, FlowNames.TCP, 40000, 80, true, 1, PSH_ACK, ByteBuffer.wrap(Samples.HTTP_GET_WIKIPEDIA), 0,
                Samples.HTTP_GET_WIKIPEDIA.length, T0);
        assertEquals(Optional.of("www.wikipedia.org"), s.names().httpHost());
        assertTrue(s.done());
    }

    @Test
    void quicFlow_reportsQuicSni() {
        FlowNames.State s = new FlowNames.State();
        byte[] initial = QuicInitialTest.RFC9001_CLIENT_INITIAL;
        names.onPacket(s, FlowNames.UDP, 50000, 443, true, 0, 0, ByteBuffer.wrap(initial), 0, initial.length, T0);
        assertEquals(Optional.of("example.com"), s.names().quicSni());
        assertTrue(s.done());
    }

    @Test
    void dnsFlow_reportsQuery_andTeachesTheCache() {
        FlowNames.State s = new FlowNames.State();
        byte[] response = Samples.DNS_CNAME_AND_A;
        names.onPacket(s, FlowNames.UDP, 53, 33000, false, 0, 0, ByteBuffer.wrap(response), 0, response.length, T0);
        assertEquals(Optional.of("upload.wikimedia.org"), s.names().dnsQuery());
        assertEquals(List.of("upload.wikimedia.org", "upload.pmtpa.wikimedia.org"),
                names.resolvedNames(0, 0x0000_ffff_d050_9803L));
        assertFalse(s.done()); // later answers on the flow still feed the cache
    }

    /** The state flows share once they are done without names: no packet may write into it. */
    @Test
    void doneEmptyState_staysEmpty_whateverPacketsFollow() {
        FlowNames.State s = FlowNames.State.doneEmpty();
        names.onPacket(s, FlowNames.TCP, 40000, 80, true, 1, PSH_ACK, ByteBuffer.wrap(Samples.HTTP_GET_WIKIPEDIA), 0,
                Samples.HTTP_GET_WIKIPEDIA.length, T0);
        tcp(s, true, 1, PSH_ACK, Samples.TLS13_CLIENT_HELLO, 0, Samples.TLS13_CLIENT_HELLO.length);
        byte[] initial = QuicInitialTest.RFC9001_CLIENT_INITIAL;
        names.onPacket(s, FlowNames.UDP, 50000, 443, true, 0, 0, ByteBuffer.wrap(initial), 0, initial.length, T0);
        assertTrue(s.done());
        assertTrue(s.doneWithoutNames());
        assertSame(ObservedNames.NONE, s.names());
    }

    @Test
    void flowWithoutNames_isGivenUpAfterItsFirstPayloadPackets() {
        FlowNames.State s = new FlowNames.State();
        byte[] junk = "SSH-2.0-OpenSSH_9.6\r\n".getBytes();
        for (int i = 0; i <= FlowNames.MAX_LOOKS; i++) {
            assertFalse(s.done());
            tcp(s, true, 1 + i * junk.length, PSH_ACK, junk, 0, junk.length);
        }
        assertTrue(s.done());
        assertSame(ObservedNames.NONE, s.names());
    }

    @Test
    void udpFlow_whoseFirstDatagramIsNoQuicInitial_isDoneAfterIt() {
        FlowNames.State s = new FlowNames.State();
        byte[] reply = "not quic".getBytes();
        names.onPacket(s, FlowNames.UDP, 443, 50000, false, 0, 0, ByteBuffer.wrap(reply), 0, reply.length, T0);
        assertFalse(s.done()); // the responder's datagrams say nothing about the client's first
        byte[] rtp = {(byte) 0x80, 0x60, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0x11, 0x22};
        names.onPacket(s, FlowNames.UDP, 50000, 443, true, 0, 0, ByteBuffer.wrap(rtp), 0, rtp.length, T0);
        assertTrue(s.done());
        byte[] initial = QuicInitialTest.RFC9001_CLIENT_INITIAL;
        names.onPacket(s, FlowNames.UDP, 50000, 443, true, 0, 0, ByteBuffer.wrap(initial), 0, initial.length, T0);
        assertSame(ObservedNames.NONE, s.names());
    }

    @Test
    void icmpFlow_isDoneAtItsFirstPacket() {
        FlowNames.State s = new FlowNames.State();
        byte[] echo = {8, 0, 0x12, 0x34, 0, 1, 0, 1, 'p', 'i', 'n', 'g'};
        names.onPacket(s, 1, 0, 0, true, 0, 0, ByteBuffer.wrap(echo), 0, echo.length, T0);
        assertTrue(s.done());
        assertTrue(s.doneWithoutNames());
    }

    @Test
    void packetAdapter_readsTheInnermostLayer() {
        byte[] hello = Samples.TLS13_CLIENT_HELLO;
        Packet p = new Packet();
        p.buffer = Samples.inFrame(hello, 54);
        IpLayer ip = p.addIpLayer();
        ip.hasTransport = true;
        ip.protocol = FlowNames.TCP;
        ip.srcPort = 40000;
        ip.dstPort = 443;
        ip.tcpFlags = PSH_ACK;
        ip.payloadOffset = 54;
        ip.capturedPayloadLength = hello.length;
        FlowNames.State s = new FlowNames.State();
        names.onPacket(s, p, true, 77, T0);
        assertEquals(Optional.of("www.google.com"), s.names().sni());
    }
}
