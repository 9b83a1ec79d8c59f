package org.cleanpath.generate;

import java.util.Random;

/**
 * Emits the packets of one conversation into a {@link Trace}: a TCP connection (handshake, data,
 * FIN or RST), UDP datagrams or ICMP echoes, with consistent sequence numbers, IP ids and timing.
 */
final class Flow {
    private static final int MSS = 1380;
    /** SYN options: MSS 1380, SACK permitted, NOP, window scale 7 (padded with NOPs). */
    private static final byte[] SYN_OPTIONS = {2, 4, (byte) (MSS >>> 8), (byte) MSS, 4, 2, 1, 3, 3, 7, 1, 1};
    private static final byte[] NO_OPTIONS = {};
    private static final byte[] NO_DATA = {};

    private final Trace trace;
    private final Carrier carrier;
    private final Random random;
    private final byte[] client;
    private final byte[] server;
    private final int clientPort;
    private final int serverPort;
    private final int serverTtl;
    private long now;
    private long rttNanos;
    private int lastDirection;
    private long clientSeq;
    private long serverSeq;
    private int clientIpId;
    private int serverIpId;
    private final int clientFlowLabel;
    private final int serverFlowLabel;

    Flow(Trace trace, Carrier carrier, byte[] client, int clientPort, byte[] server, int serverPort, long start) {
        if (client.length != server.length) {
            throw new IllegalArgumentException("client and server must both be IPv4 or both IPv6");
        }
        this.trace = trace;
        this.carrier = carrier;
        this.random = trace.random();
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.now = start;
        this.rttNanos = (8 + random.nextInt(40)) * 1_000_000L;
        this.serverTtl = 44 + random.nextInt(14);
        this.clientSeq = random.nextInt() & 0xffff_ffffL;
        this.serverSeq = random.nextInt() & 0xffff_ffffL;
        this.clientIpId = random.nextInt(0x10000);
        this.serverIpId = random.nextInt(0x10000);
        this.clientFlowLabel = random.nextInt(0x100000);
        this.serverFlowLabel = random.nextInt(0x100000);
    }

    /** Sets the round-trip time between the capture point and the server. */
    Flow rtt(double millis) {
        rttNanos = Math.round(millis * 1e6);
        return this;
    }

    /** Lets time pass with nothing sent. */
    Flow pause(double millis) {
        now += Math.round(millis * 1e6);
        return this;
    }

    Flow tcpHandshake() {
        tcp(true, Packets.SYN, 64240, SYN_OPTIONS, NO_DATA);
        clientSeq++;
        tcp(false, Packets.SYN | Packets.ACK, 65160, SYN_OPTIONS, NO_DATA);
        serverSeq++;
        tcp(true, Packets.ACK, 502, NO_OPTIONS, NO_DATA);
        return this;
    }

    /** Sends {@code data} in MSS-sized segments; the receiver acknowledges every second one and the last. */
    Flow tcpSend(boolean fromClient, byte[] data) {
        int segments = 0;
        for (int offset = 0; offset < data.length; offset += MSS) {
            int length = Math.min(MSS, data.length - offset);
            byte[] segment = java.util.Arrays.copyOfRange(data, offset, offset + length);
            boolean last = offset + length == data.length;
            tcp(fromClient, Packets.ACK | (last ? Packets.PSH : 0), window(fromClient), NO_OPTIONS, segment);
            if (fromClient) {
                clientSeq += length;
            } else {
                serverSeq += length;
            }
            if (++segments % 2 == 0 || last) {
                tcp(!fromClient, Packets.ACK, window(!fromClient), NO_OPTIONS, NO_DATA);
            }
        }
        return this;
    }

    /** The orderly close: FIN from the client, FIN from the server, last ACK. */
    Flow tcpClose() {
        tcp(true, Packets.FIN | Packets.ACK, 502, NO_OPTIONS, NO_DATA);
        clientSeq++;
        tcp(false, Packets.FIN | Packets.ACK, 501, NO_OPTIONS, NO_DATA);
        serverSeq++;
        tcp(true, Packets.ACK, 502, NO_OPTIONS, NO_DATA);
        return this;
    }

    /** A connection attempt the server refuses: SYN answered by RST+ACK. */
    Flow tcpRefused() {
        tcp(true, Packets.SYN, 64240, SYN_OPTIONS, NO_DATA);
        clientSeq++;
        serverSeq = 0; // RFC 9293: a reset answering a segment without ACK has sequence number zero
        tcp(false, Packets.RST | Packets.ACK, 0, NO_OPTIONS, NO_DATA);
        return this;
    }

    /** Aborts the connection with RST+ACK from one side. */
    Flow tcpReset(boolean fromClient) {
        tcp(fromClient, Packets.RST | Packets.ACK, 0, NO_OPTIONS, NO_DATA);
        return this;
    }

    Flow udp(boolean fromClient, byte[] payload) {
        byte[] src = fromClient ? client : server;
        byte[] dst = fromClient ? server : client;
        int srcPort = fromClient ? clientPort : serverPort;
        int dstPort = fromClient ? serverPort : clientPort;
        emit(fromClient, Packets.UDP, Packets.udp(src, dst, srcPort, dstPort, payload));
        return this;
    }

    /**
     * {@code count} echo requests one second apart, each answered; the client port serves as the
     * echo identifier, and the payload is what Linux ping sends (56 bytes).
     */
    Flow echo(int count) {
        for (int sequence = 1; sequence <= count; sequence++) {
            if (sequence > 1) {
                now += 1_000_000_000L - rttNanos;
            }
            ByteSink payload = new ByteSink().u32(now / 1_000_000_000L).u32(0).u32((now / 1000) % 1_000_000);
            payload.u32(0);
            for (int b = 0x10; b < 0x38; b++) {
                payload.u8(b);
            }
            byte[] data = payload.toByteArray();
            int protocol = Packets.icmpProtocol(client);
            emit(true, protocol, Packets.icmpEcho(client, server, false, clientPort, sequence, data));
            emit(false, protocol, Packets.icmpEcho(server, client, true, clientPort, sequence, data));
        }
        return this;
    }

    /** Time of the last packet sent. */
    long now() {
        return now;
    }

    private int window(boolean fromClient) {
        return fromClient ? 502 : 501;
    }

    private void tcp(boolean fromClient, int flags, int window, byte[] options, byte[] payload) {
        byte[] src = fromClient ? client : server;
        byte[] dst = fromClient ? server : client;
        int srcPort = fromClient ? clientPort : serverPort;
        int dstPort = fromClient ? serverPort : clientPort;
        long seq = fromClient ? clientSeq : serverSeq;
        long ack = (flags & Packets.ACK) == 0 ? 0 : (fromClient ? serverSeq : clientSeq);
        emit(fromClient, Packets.TCP, Packets.tcp(src, dst, srcPort, dstPort, seq & 0xffff_ffffL,
                ack & 0xffff_ffffL, flags, window, options, payload));
    }

    private void emit(boolean fromClient, int protocol, byte[] segment) {
        int direction = fromClient ? 1 : 2;
        if (lastDirection != 0) {
            // A turn of direction costs half a round trip; back-to-back packets a few microseconds.
            now += direction != lastDirection ? rttNanos / 2 + random.nextInt(200_000) : 12_000 + random.nextInt(40_000);
        }
        lastDirection = direction;
        int id;
        if (client.length == 16) {
            id = fromClient ? clientFlowLabel : serverFlowLabel;
        } else {
            id = fromClient ? clientIpId++ : serverIpId++;
        }
        byte[] src = fromClient ? client : server;
        byte[] dst = fromClient ? server : client;
        byte[] ip = Packets.ip(src, dst, protocol, fromClient ? 64 : serverTtl, id, segment);
        trace.add(now, carrier.frame(trace, fromClient, ip));
    }
}
