package org.cleanpath.generate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Builds checksum-correct Ethernet, IPv4/IPv6, TCP, UDP, ICMP and GTP-U headers around a payload. */
final class Packets {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMPV6 = 58;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_LLDP = 0x88cc;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    static final int GTP_U_PORT = 2152;

    /** Shortest Ethernet frame without FCS; shorter frames get zero padding, as on the wire. */
    private static final int MIN_FRAME = 60;

    private Packets() {}

    /** The 4 or 16 bytes of an IP address literal (never a DNS lookup). */
    static byte[] address(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }

    /** A MAC address "aa:bb:cc:dd:ee:ff" as a 48-bit value. */
    static long mac(String text) {
        return Long.parseLong(text.replace(":", ""), 16);
    }

    static int etherType(byte[] ipPacket) {
        return (ipPacket[0] >>> 4) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    }

    static byte[] ethernet(long dst, long src, List<Vlan> tags, int etherType, byte[] payload) {
        ByteSink out = new ByteSink();
        out.u16((int) (dst >>> 32)).u32(dst & 0xffff_ffffL);
        out.u16((int) (src >>> 32)).u32(src & 0xffff_ffffL);
        for (Vlan tag : tags) {
            out.u16(tag.tpid()).u16((tag.priority() << 13) | tag.vid());
        }
        out.u16(etherType).bytes(payload);
        if (out.size() < MIN_FRAME) {
            out.zeros(MIN_FRAME - out.size());
        }
        return out.toByteArray();
    }

    /**
     * An IPv4 (DF set) or IPv6 datagram, by the address size. {@code id} is the IPv4 identification
     * or the IPv6 flow label.
     */
    static byte[] ip(byte[] src, byte[] dst, int protocol, int ttl, int id, byte[] payload) {
        ByteSink out = new ByteSink();
        if (src.length == 4) {
            out.u8(0x45).u8(0).u16(20 + payload.length).u16(id & 0xffff).u16(0x4000);
            out.u8(ttl).u8(protocol).u16(0).bytes(src).bytes(dst);
            byte[] header = out.toByteArray();
            int sum = Checksum.of(header, 0, 20);
            header[10] = (byte) (sum >>> 8);
            header[11] = (byte) sum;
            return new ByteSink().bytes(header).bytes(payload).toByteArray();
        }
        out.u32(0x6000_0000L | (id & 0xfffff)).u16(payload.length).u8(protocol).u8(ttl);
        return out.bytes(src).bytes(dst).bytes(payload).toByteArray();
    }

    static byte[] tcp(byte[] src, byte[] dst, int srcPort, int dstPort, long seq, long ack, int flags, int window,
            byte[] options, byte[] payload) {
        ByteSink out = new ByteSink();
        int headerLength = 20 + options.length;
        out.u16(srcPort).u16(dstPort).u32(seq).u32(ack);
        out.u8((headerLength / 4) << 4).u8(flags).u16(window).u16(0).u16(0);
        out.bytes(options).bytes(payload);
        return withChecksum(out.toByteArray(), 16, Checksum.transport(src, dst, TCP, out.toByteArray()));
    }

    static byte[] udp(byte[] src, byte[] dst, int srcPort, int dstPort, byte[] payload) {
        ByteSink out = new ByteSink();
        out.u16(srcPort).u16(dstPort).u16(8 + payload.length).u16(0).bytes(payload);
        byte[] segment = out.toByteArray();
        int sum = Checksum.transport(src, dst, UDP, segment);
        // 0 means "no checksum" in UDP, so a computed 0 is sent as all ones.
        return withChecksum(segment, 6, sum == 0 ? 0xffff : sum);
    }

    /** ICMP (IPv4) or ICMPv6 echo request or reply, by the address size. */
    static byte[] icmpEcho(byte[] src, byte[] dst, boolean reply, int id, int sequence, byte[] payload) {
        boolean v6 = src.length == 16;
        int type = v6 ? (reply ? 129 : 128) : (reply ? 0 : 8);
        byte[] message = new ByteSink().u8(type).u8(0).u16(0).u16(id).u16(sequence).bytes(payload).toByteArray();
        int sum = v6 ? Checksum.transport(src, dst, ICMPV6, message) : Checksum.of(message, 0, message.length);
        return withChecksum(message, 2, sum);
    }

    static int icmpProtocol(byte[] address) {
        return address.length == 16 ? ICMPV6 : ICMP;
    }

    /**
     * A GTPv1-U G-PDU carrying {@code inner} with a PDU Session Container extension header (type 0x85,
     * TS 38.415): PDU type 1 (UL PDU SESSION INFORMATION) uplink, 0 (DL) downlink, with the QFI.
     */
    static byte[] gtpU(long teid, boolean uplink, int qfi, byte[] inner) {
        ByteSink out = new ByteSink();
        out.u8(0x34).u8(0xff); // version 1, protocol type GTP, E flag; message type G-PDU
        out.u16(4 + 4 + inner.length).u32(teid);
        out.u16(0).u8(0).u8(0x85); // sequence number, N-PDU number (not used), next: PDU Session Container
        out.u8(1).u8((uplink ? 1 : 0) << 4).u8(qfi & 0x3f).u8(0); // length 1 x 4 bytes; no further extension
        return out.bytes(inner).toByteArray();
    }

    private static byte[] withChecksum(byte[] segment, int at, int sum) {
        segment[at] = (byte) (sum >>> 8);
        segment[at + 1] = (byte) sum;
        return segment;
    }
}
