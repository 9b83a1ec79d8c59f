package org.cleanpath.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Outcome;
import org.cleanpath.decode.Packet;
import org.cleanpath.decode.Tunnel;
import org.junit.jupiter.api.Test;

class FlowTrackerTest {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    static final long SEC = 1_000_000_000L;

    final List<FlowRecord> out = new ArrayList<>();
    final Packet p = new Packet();

    static long v4(int a, int b, int c, int d) {
        return IpLayer.V4_MAPPED_PREFIX | ((long) a << 24) | ((long) b << 16) | ((long) c << 8) | d;
    }

    static final long CLIENT = v4(192, 0, 2, 10), SERVER = v4(198, 51, 100, 20);

    FlowTracker tracker(FlowSettings s) {
        return new FlowTracker(s, out::add);
    }

    IpLayer layer(long src, long dst, int proto) {
        IpLayer l = p.addIpLayer();
        l.version = 4;
        l.srcLo = src;
        l.dstLo = dst;
        l.protocol = proto;
        l.ipLength = 60;
        l.hasTransport = true;
        return l;
    }

    void tcp(FlowTracker t, long ts, long src, int sport, long dst, int dport, int flags, int payload) {
        p.reset();
        p.outcome = Outcome.DECODED;
        IpLayer l = layer(src, dst, 6);
        l.srcPort = sport;
        l.dstPort = dport;
        l.tcpFlags = flags;
        l.payloadLength = payload;
        l.ipLength = 40 + payload;
        t.track(p, ts);
    }

    void udp(FlowTracker t, long ts, long src, int sport, long dst, int dport, int payload) {
        p.reset();
        IpLayer l = layer(src, dst, 17);
        l.srcPort = sport;
        l.dstPort = dport;
        l.payloadLength = payload;
        l.ipLength = 28 + payload;
        t.track(p, ts);
    }

    @Test
    void handshakeDataAndCloseGiveOneSfFlowWithPerDirectionCounts() {
        FlowTracker t = tracker(FlowSettings.defaults());
        tcp(t, 1 * SEC, CLIENT, 40000, SERVER, 443, SYN, 0);
        tcp(t, 2 * SEC, SERVER, 443, CLIENT, 40000, SYN | ACK, 0);
        tcp(t, 3 * SEC, CLIENT, 40000, SERVER, 443, ACK, 0);
        tcp(t, 4 * SEC, CLIENT, 40000, SERVER, 443, PSH | ACK, 100);
        tcp(t, 5 * SEC, SERVER, 443, CLIENT, 40000, PSH | ACK, 1000);
        tcp(t, 6 * SEC, CLIENT, 40000, SERVER, 443, FIN | ACK, 0);
        tcp(t, 7 * SEC, SERVER, 443, CLIENT, 40000, FIN | ACK, 0);
        tcp(t, 8 * SEC, CLIENT, 40000, SERVER, 443, ACK, 0);
        t.finish();
        assertEquals(1, out.size());
        FlowRecord r = out.get(0);
        assertEquals(ConnState.SF, r.connState());
        assertEquals(CLIENT, r.origLo());
        assertEquals(40000, r.origPort());
        assertEquals(443, r.respPort());
        assertEquals(5, r.origPackets());
        assertEquals(3, r.respPackets());
        assertEquals(100, r.origBytes());
        assertEquals(1000, r.respBytes());
        assertEquals(5 * 40 + 100, r.origIpBytes());
        assertEquals(7 * SEC, r.lastNanos() - r.firstNanos());
    }

    @Test
    void synAckSeenFirstMakesItsReceiverTheOriginator() {
        FlowTracker t = tracker(FlowSettings.defaults());
        tcp(t, SEC, SERVER, 443, CLIENT, 40000, SYN | ACK, 0);
        tcp(t, 2 * SEC, CLIENT, 40000, SERVER, 443, ACK, 0);
        t.finish();
        assertEquals(CLIENT, out.get(0).origLo());
        assertEquals(1, out.get(0).origPackets());
        assertEquals(1, out.get(0).respPackets());
    }

    @Test
    void connStatesFollowZeek() {
        assertEquals(ConnState.S0, stateOf(new int[][] {{0, SYN}}));
        assertEquals(ConnState.REJ, stateOf(new int[][] {{0, SYN}, {1, RST | ACK}}));
        assertEquals(ConnState.S1, stateOf(new int[][] {{0, SYN}, {1, SYN | ACK}, {0, ACK}}));
        assertEquals(ConnState.RSTO, stateOf(new int[][] {{0, SYN}, {1, SYN | ACK}, {0, ACK}, {0, RST}}));
        assertEquals(ConnState.RSTR, stateOf(new int[][] {{0, SYN}, {1, SYN | ACK}, {0, ACK}, {1, RST}}));
        assertEquals(ConnState.SH, stateOf(new int[][] {{0, SYN}, {0, FIN}}));
        assertEquals(ConnState.RSTOS0, stateOf(new int[][] {{0, SYN}, {0, RST}}));
        assertEquals(ConnState.S2, stateOf(new int[][] {{0, SYN}, {1, SYN | ACK}, {0, ACK}, {0, FIN | ACK}}));
        assertEquals(ConnState.S3, stateOf(new int[][] {{0, SYN}, {1, SYN | ACK}, {0, ACK}, {1, FIN | ACK}}));
        assertEquals(ConnState.OTH, stateOf(new int[][] {{0, ACK}, {1, ACK}}));
    }

    private ConnState stateOf(int[][] packets) {
        out.clear();
        FlowTracker t = tracker(FlowSettings.defaults());
        long ts = SEC;
        for (int[] pk : packets) {
            if (pk[0] == 0) {
                tcp(t, ts++, CLIENT, 40000, SERVER, 80, pk[1], 0);
            } else {
                tcp(t, ts++, SERVER, 80, CLIENT, 40000, pk[1], 0);
            }
        }
        t.finish();
        assertEquals(1, out.size());
        return out.get(0).connState();
    }

    @Test
    void udpWithAndWithoutReply() {
        FlowTracker t = tracker(FlowSettings.defaults());
        udp(t, SEC, CLIENT, 5353, SERVER, 53, 30);
        udp(t, 2 * SEC, SERVER, 53, CLIENT, 5353, 90);
        udp(t, 3 * SEC, CLIENT, 5354, SERVER, 53, 30);
        t.finish();
        assertEquals(ConnState.SF, out.get(0).connState());
        assertEquals(ConnState.S0, out.get(1).connState());
        assertEquals("udp", out.get(0).protocolName());
    }

    @Test
    void idleUdpFlowTimesOutInPacketTimeAndTheNextPacketStartsANewFlow() {
        FlowTracker t = tracker(FlowSettings.defaults());
        udp(t, SEC, CLIENT, 5353, SERVER, 53, 30);
        udp(t, 62 * SEC, CLIENT, 5353, SERVER, 53, 30);
        assertEquals(1, out.size(), "first flow expired when packet time passed its 1 min timeout");
        assertEquals(FlowRecord.End.TIMEOUT, out.get(0).end());
        t.finish();
        assertEquals(2, out.size());
        assertEquals(1, t.counters().expired());
    }

    @Test
    void configuredTimeoutIsHonoured() {
        FlowTracker t = tracker(FlowSettings.defaults().withTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(1)));
        udp(t, SEC, CLIENT, 5353, SERVER, 53, 30);
        udp(t, 12 * SEC, CLIENT, 5353, SERVER, 53, 30);
        t.finish();
        assertEquals(2, out.size());
    }

    @Test
    void synAfterAFinishedConnectionStartsANewFlow() {
        FlowTracker t = tracker(FlowSettings.defaults());
        tcp(t, 1, CLIENT, 40000, SERVER, 80, SYN, 0);
        tcp(t, 2, SERVER, 80, CLIENT, 40000, SYN | ACK, 0);
        tcp(t, 3, CLIENT, 40000, SERVER, 80, RST, 0);
        tcp(t, 4, CLIENT, 40000, SERVER, 80, SYN, 0);
        tcp(t, 5, SERVER, 80, CLIENT, 40000, SYN | ACK, 0);
        t.finish();
        assertEquals(2, out.size());
        assertEquals(FlowRecord.End.REUSED, out.get(0).end());
        assertEquals(ConnState.RSTO, out.get(0).connState());
        assertEquals(ConnState.S1, out.get(1).connState());
        assertEquals(1, t.counters().reused());
    }

    @Test
    void icmpEchoRequestAndReplyShareAFlowKeyedByTypeAndCounterpart() {
        FlowTracker t = tracker(FlowSettings.defaults());
        icmp(t, 1, CLIENT, SERVER, 8, 0);
        icmp(t, 2, SERVER, CLIENT, 0, 0);
        icmp(t, 3, SERVER, CLIENT, 3, 3);
        t.finish();
        assertEquals(2, out.size());
        FlowRecord echo = out.get(0);
        assertEquals(8, echo.origPort());
        assertEquals(0, echo.respPort());
        assertEquals(1, echo.respPackets());
        FlowRecord unreachable = out.get(1);
        assertEquals(SERVER, unreachable.origLo());
        assertEquals(3, unreachable.origPort());
        assertEquals(3, unreachable.respPort());
    }

    private void icmp(FlowTracker t, long ts, long src, long dst, int type, int code) {
        p.reset();
        IpLayer l = layer(src, dst, 1);
        l.icmpType = type;
        l.icmpCode = code;
        t.track(p, ts);
    }

    @Test
    void laterFragmentsCountIntoTheirDatagramsFlow() {
        FlowTracker t = tracker(FlowSettings.defaults());
        p.reset();
        IpLayer first = layer(CLIENT, SERVER, 17);
        first.srcPort = 1000;
        first.dstPort = 2049;
        first.fragment = true;
        first.moreFragments = true;
        first.fragmentId = 77;
        first.payloadLength = 3000;
        t.track(p, 1);
        p.reset();
        IpLayer second = layer(CLIENT, SERVER, 17);
        second.hasTransport = false;
        second.fragment = true;
        second.fragmentOffset = 1480;
        second.fragmentId = 77;
        t.track(p, 2);
        t.finish();
        assertEquals(1, out.size());
        assertEquals(2, out.get(0).origPackets());
        assertEquals(1, out.get(0).nonFirstFragments());
        assertEquals(3000, out.get(0).origBytes());
    }

    @Test
    void tunnelledPacketCountsInOuterAndInnerFlowAndInnerRecordsItsTunnel() {
        FlowTracker t = tracker(FlowSettings.defaults());
        long gnb = v4(10, 20, 0, 1), upf = v4(10, 20, 0, 2), ue = v4(10, 45, 0, 7);
        gtp(t, 1, gnb, upf, ue, SERVER, 0x1111, 9, SYN);
        gtp(t, 2, upf, gnb, SERVER, ue, 0x2222, 9, SYN | ACK);
        t.finish();
        assertEquals(2, out.size());
        FlowRecord outer = out.get(0).protocol() == 17 ? out.get(0) : out.get(1);
        FlowRecord inner = outer == out.get(0) ? out.get(1) : out.get(0);
        assertEquals(2152, outer.origPort());
        assertEquals(1, outer.origPackets());
        assertEquals(1, outer.respPackets());
        assertNull(outer.tunnel());
        FlowRecord.Tunnel tun = inner.tunnel();
        assertEquals("gtp-u", tun.kind());
        assertEquals(outer.uid(), tun.parentUid());
        assertEquals(gnb, tun.outerOrigLo());
        assertEquals(upf, tun.outerRespLo());
        assertEquals(0x1111, tun.origTunnelId());
        assertEquals(0x2222, tun.respTunnelId());
        assertEquals(9, tun.origQfi());
        assertEquals(ConnState.S1, inner.connState());
    }

    private void gtp(FlowTracker t, long ts, long oSrc, long oDst, long iSrc, long iDst, long teid, int qfi, int flags) {
        p.reset();
        IpLayer outer = layer(oSrc, oDst, 17);
        outer.srcPort = 2152;
        outer.dstPort = 2152;
        IpLayer inner = layer(iSrc, iDst, 6);
        inner.srcPort = iSrc == CLIENT || iSrc == SERVER ? 443 : 50000;
        inner.dstPort = iDst == SERVER ? 443 : 50000;
        inner.tcpFlags = flags;
        inner.tunnel = Tunnel.GTP_U;
        inner.tunnelId = teid;
        inner.qfi = qfi;
        t.track(p, ts);
    }

    @Test
    void fullTableEvictsTheOldestIdleFlowAndReportsIt() {
        FlowTracker t = tracker(FlowSettings.defaults().withMaxFlows(3));
        for (int i = 0; i < 10; i++) {
            udp(t, i, CLIENT, 1000 + i, SERVER, 53, 10);
        }
        assertEquals(7, t.counters().evicted());
        assertEquals(1000, out.get(0).origPort(), "oldest flow goes first");
        t.finish();
        assertEquals(10, out.size());
    }

    /** Property test: random traffic over a small key space agrees with a HashMap model of the table. */
    @Test
    void agreesWithASimpleModelUnderRandomTrafficAndChurn() {
        Random rnd = new Random(42);
        FlowTracker t = tracker(FlowSettings.defaults().withMaxFlows(1 << 20));
        Map<String, long[]> model = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            int a = rnd.nextInt(50), b = rnd.nextInt(50), pa = rnd.nextInt(20), pb = rnd.nextInt(20);
            long src = v4(10, 0, 0, a), dst = v4(10, 0, 1, b);
            boolean reverse = rnd.nextBoolean();
            if (reverse) {
                udp(t, i, dst, pb, src, pa, 1);
            } else {
                udp(t, i, src, pa, dst, pb, 1);
            }
            model.computeIfAbsent(a + "/" + pa + "-" + b + "/" + pb, k -> new long[1])[0]++;
        }
        t.finish();
        assertEquals(model.size(), out.size());
        long total = out.stream().mapToLong(r -> r.origPackets() + r.respPackets()).sum();
        assertEquals(200_000, total);
        for (FlowRecord r : out) {
            boolean origIsA = (r.origLo() & 0xff00) == 0;
            int a = (int) ((origIsA ? r.origLo() : r.respLo()) & 0xff);
            int b = (int) ((origIsA ? r.respLo() : r.origLo()) & 0xff);
            int pa = origIsA ? r.origPort() : r.respPort();
            int pb = origIsA ? r.respPort() : r.origPort();
            assertEquals(model.get(a + "/" + pa + "-" + b + "/" + pb)[0], r.origPackets() + r.respPackets());
        }
        assertTrue(out.stream().map(FlowRecord::uid).distinct().count() == out.size(), "uids are unique");
    }

    /** With constant eviction the index must never lose a flow: a key's flows never overlap in time. */
    @Test
    void evictionUnderChurnNeverSplitsAnOpenFlow() {
        Random rnd = new Random(7);
        FlowTracker t = tracker(FlowSettings.defaults().withMaxFlows(4096));
        for (int i = 0; i < 300_000; i++) {
            int a = rnd.nextInt(40), b = rnd.nextInt(40), pa = rnd.nextInt(10), pb = rnd.nextInt(10);
            if (rnd.nextBoolean()) {
                udp(t, i, v4(10, 0, 1, b), pb, v4(10, 0, 0, a), pa, 1);
            } else {
                udp(t, i, v4(10, 0, 0, a), pa, v4(10, 0, 1, b), pb, 1);
            }
        }
        t.finish();
        assertTrue(t.counters().evicted() > 100_000);
        assertEquals(300_000, out.stream().mapToLong(r -> r.origPackets() + r.respPackets()).sum());
        Map<String, Long> lastEnd = new HashMap<>();
        out.sort(java.util.Comparator.comparingLong(FlowRecord::firstNanos));
        for (FlowRecord r : out) {
            String key = Math.min(r.origLo(), r.respLo()) + "/" + Math.max(r.origLo(), r.respLo()) + "/"
                    + (r.origLo() < r.respLo() ? r.origPort() + "-" + r.respPort() : r.respPort() + "-" + r.origPort());
            Long prevEnd = lastEnd.put(key, r.lastNanos());
            assertTrue(prevEnd == null || prevEnd < r.firstNanos(), "overlapping flows for " + key);
        }
    }
}
