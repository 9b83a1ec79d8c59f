package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Packet;

/**
 * Per-packet entry point of the names stage: finds the names each flow reveals (TLS SNI, HTTP Host,
 * QUIC Initial SNI, DNS query) and feeds DNS answers into a {@link NameCache}.
 *
 * <h2>How a pipeline calls it</h2>
 * <pre>{@code
 * FlowNames names = new FlowNames(new NameCache());      // one per analysis (not thread-safe)
 * // per new flow:
 * flow.names = new FlowNames.State();
 * List<String> known = names.resolvedNames(respHi, respLo); // names DNS gave the server, before this flow
 * // per packet of the flow (payload as in IpLayer: payloadOffset / capturedPayloadLength):
 * names.onPacket(flow.names, protocol, srcPort, dstPort, fromOriginator,
 *                tcpSeq, tcpFlags, packet.buffer, payloadOffset, capturedPayloadLength, frame.timestampNanos);
 * // at any time, or when the flow ends:
 * ObservedNames seen = flow.names.names();
 * }</pre>
 * {@code fromOriginator} is true for packets from the flow's originator (the client); {@code tcpSeq}
 * is the TCP sequence number (unsigned 32 bits; ignored for UDP); {@code timeNanos} is packet time,
 * which also drives the {@link NameCache} expiry.
 *
 * <h2>Cost</h2>
 * A packet costs a field test once its flow is {@link State#done()} and for packets without
 * payload. TLS and HTTP are looked for in the originator's first {@link #MAX_LOOKS} payload
 * packets only, plus the segments of a ClientHello or HTTP header section that began in one of
 * them (bounded, see {@link TlsStreamCollector}, {@link HttpRequestCollector}); the flow is done
 * once that first message is read, with or without a name. A UDP flow is QUIC only if its
 * originator's first datagram is an Initial packet (a client opens a connection with Initial
 * packets, RFC 9000 section 17.2.2), so one look decides it. Flows of other protocols (ICMP, SCTP
 * ...) are done at their first packet. DNS flows (port 53 UDP or TCP, mDNS port 5353) are parsed
 * on every packet, since every response feeds the cache.
 */
public final class FlowNames {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int DNS_PORT = 53;
    /** Multicast DNS (RFC 6762): same message format; its answers name devices on the local link. */
    public static final int MDNS_PORT = 5353;
    /** Originator payload packets of a TCP flow searched for a TLS or HTTP name before the flow is given up. */
    public static final int MAX_LOOKS = 4;

    private static final int SYN = 0x02;
    private static final int ACK = 0x10;

    private final NameCache cache;
    /**
     * The latest packet time seen. It reaches the cache's clock (a volatile field Caffeine reads)
     * only when the cache is used: a volatile store per packet cost more than everything else a
     * packet of a finished flow does here.
     */
    private long packetTime = Long.MIN_VALUE;

    public FlowNames(NameCache cache) {
        this.cache = cache;
    }

    /** Names DNS answers gave this address and that are still live in packet time, most recent first. */
    public List<String> resolvedNames(long hi, long lo) {
        cache.advanceTo(packetTime);
        return cache.namesFor(hi, lo);
    }

    /** Moves packet time forward to {@code timeNanos} (never back); {@code onPacket} does this too. */
    public void advanceTo(long timeNanos) {
        if (timeNanos > packetTime) {
            packetTime = timeNanos;
        }
    }

    /**
     * Bits of {@link State#packed()}: one set in every packed state, done, SYN seen; the count of
     * looks at bits 32-39 and the stream's start below them.
     */
    private static final long PACKED = 1L << 63;
    private static final long PACKED_DONE = 1L << 62;
    private static final long PACKED_SYN = 1L << 61;

    /** What the stage keeps for one flow; create one per flow and pass it with each of its packets. */
    public static final class State {
        private boolean done;
        private int looks;
        private boolean synSeen;
        private long streamStart;
        private ClientStreamCollector stream;
        private QuicCryptoCollector quic;
        private String sni;
        private String httpHost;
        private String quicSni;
        private String dnsQuery;
        private List<String> alpn = List.of();

        /** A state that is done and holds no name: {@code onPacket} leaves it as it is, so flows may share it. */
        public static State doneEmpty() {
            State s = new State();
            s.done = true;
            return s;
        }

        /** True when no later packet of the flow can add a name: then {@code onPacket} returns at once. */
        public boolean done() {
            return done;
        }

        /** True when the flow is {@link #done()} without having revealed a name. */
        public boolean doneWithoutNames() {
            return done && sni == null && httpHost == null && quicSni == null && dnsQuery == null;
        }

        /** ALPN protocols offered in the flow's ClientHello (TLS or QUIC). */
        public List<String> alpn() {
            return alpn;
        }

        /**
         * True when the state holds counters only (no name found, no message being collected), so
         * that {@link #packed()} keeps all of it: most flows never need more, and can keep a long
         * instead of an object for their whole life.
         */
        public boolean packable() {
            return stream == null && quic == null && sni == null && httpHost == null && quicSni == null
                    && dnsQuery == null && alpn.isEmpty();
        }

        /** The counters of a {@link #packable()} state in one long, never 0 (see {@link #unpack}). */
        public long packed() {
            return PACKED | (done ? PACKED_DONE : 0) | (synSeen ? PACKED_SYN : 0) | (long) looks << 32 | streamStart;
        }

        /** Makes this the state {@code packed} was made from: its counters, nothing found or collected. */
        public void unpack(long packed) {
            done = (packed & PACKED_DONE) != 0;
            synSeen = (packed & PACKED_SYN) != 0;
            looks = (int) (packed >>> 32) & 0xFF;
            streamStart = packed & 0xFFFF_FFFFL;
            stream = null;
            quic = null;
            sni = null;
            httpHost = null;
            quicSni = null;
            dnsQuery = null;
            alpn = List.of();
        }

        public ObservedNames names() {
            if (sni == null && httpHost == null && quicSni == null && dnsQuery == null) {
                return ObservedNames.NONE;
            }
            return new ObservedNames(Optional.ofNullable(sni), Optional.ofNullable(httpHost), Optional.ofNullable(quicSni),
                    Optional.ofNullable(dnsQuery));
        }
    }

    /** Looks at one packet of the flow {@code s} belongs to; see the class comment for the arguments. */
    public void onPacket(State s, int protocol, int srcPort, int dstPort, boolean fromOriginator, long tcpSeq, int tcpFlags,
            ByteBuffer buf, int offset, int length, long timeNanos) {
        advanceTo(timeNanos);
        if (s.done) {
            return;
        }
        if (protocol != TCP && protocol != UDP) {
            s.done = true; // no name this stage reads travels over them
            return;
        }
        if (protocol == TCP && fromOriginator && (tcpFlags & (SYN | ACK)) == SYN) {
            s.synSeen = true;
            s.streamStart = (tcpSeq + 1) & 0xffff_ffffL;
        }
        if (length <= 0 || Bounds.end(buf, offset, length) < 0) {
            return;
        }
        if (srcPort == DNS_PORT || dstPort == DNS_PORT
                || protocol == UDP && (srcPort == MDNS_PORT || dstPort == MDNS_PORT)) {
            dns(s, protocol == TCP, buf, offset, length);
            return;
        }
        if (!fromOriginator) {
            return;
        }
        if (s.stream != null) {
            offerStream(s, tcpSeq, buf, offset, length);
            return;
        }
        if (s.quic != null) {
            offerQuic(s, buf, offset, length);
            return;
        }
        if (s.looks++ >= MAX_LOOKS) {
            s.done = true;
            return;
        }
        if (protocol == TCP) {
            if (buf.get(offset) == TlsClientHello.HANDSHAKE) {
                s.stream = new TlsStreamCollector();
            } else if (HttpHost.isRequest(buf, offset, length)) {
                s.stream = new HttpRequestCollector();
            } else {
                return;
            }
            if (s.synSeen && s.looks == 1) {
                // The stream's first payload: place it by the SYN. A later one (after STARTTLS, say) starts its own stream.
                s.stream.streamStartsAt(s.streamStart);
            }
            offerStream(s, tcpSeq, buf, offset, length);
        } else if (QuicInitial.looksLikeInitial(buf, offset, length)) {
            s.quic = new QuicCryptoCollector();
            offerQuic(s, buf, offset, length);
        } else {
            // Not QUIC from its start: the remaining packets of most UDP flows then skip this stage.
            s.done = true;
        }
    }

    /**
     * Adapter for decoded packets: reads protocol, ports, flags and payload from the innermost IP
     * layer. {@code tcpSeq} is passed separately as {@link IpLayer} does not carry it.
     */
    public void onPacket(State s, Packet p, boolean fromOriginator, long tcpSeq, long timeNanos) {
        IpLayer ip = p.innermost();
        if (ip == null || !ip.hasTransport) {
            advanceTo(timeNanos);
            return;
        }
        onPacket(s, ip.protocol, ip.srcPort, ip.dstPort, fromOriginator, tcpSeq, ip.tcpFlags, p.buffer, ip.payloadOffset,
                ip.capturedPayloadLength, timeNanos);
    }

    // dns, offerStream and offerQuic are kept out of onPacket's compiled code by src/main/jvm.options
    // (rare branches; see there): rename them there too.
    private void dns(State s, boolean tcp, ByteBuffer buf, int offset, int length) {
        Optional<DnsMessage> m = tcp ? DnsMessages.parseTcp(buf, offset, length) : DnsMessages.parse(buf, offset, length);
        if (m.isEmpty()) {
            return;
        }
        DnsMessage msg = m.get();
        if (s.dnsQuery == null) {
            s.dnsQuery = msg.queryName().map(n -> n.isEmpty() ? "." : n).orElse(null);
        }
        cache.advanceTo(packetTime);
        cache.add(msg);
    }

    private static void offerStream(State s, long seq, ByteBuffer buf, int offset, int length) {
        if (!s.stream.offer(seq, buf, offset, length)) {
            return;
        }
        if (s.stream instanceof TlsStreamCollector tls) {
            tls.clientHello().ifPresent(h -> {
                s.sni = h.serverName();
                s.alpn = h.alpn();
            });
        } else if (s.stream instanceof HttpRequestCollector http) {
            s.httpHost = http.host().orElse(null);
        }
        s.stream = null;
        s.done = true;
    }

    private static void offerQuic(State s, ByteBuffer buf, int offset, int length) {
        if (s.quic.offer(buf, offset, length) || ++s.looks > MAX_LOOKS) {
            s.quic.clientHello().ifPresent(h -> {
                s.quicSni = h.serverName();
                s.alpn = h.alpn();
            });
            s.quic = null;
            s.done = true;
        }
    }
}
